// Snapshots as a sync reads them: verify the file, decode the covered vector and body, and name it.
import FuzzSupport
import TouchbaseCore
import TouchbaseExchange

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSnapshot(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzInput.exercise(FuzzInput.bytes(data, size), kind: .snapshot, key: nil) { payload, header in
        let snapshot = try Snapshot.decode(payload, header: header)
        FuzzInput.require(try Snapshot.decode(snapshot.payload, header: header) == snapshot, "snapshot does not re-encode stably")
        _ = Snapshot.nameTag(covering: snapshot.covers)
    }
    return 0
}

@_cdecl("fuzz_snapshot_main")
public func fuzzSnapshotMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzSnapshot)
}
