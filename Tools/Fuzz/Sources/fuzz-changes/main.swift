// Changes files as a sync reads them, in a folder without a key: verify, inflate, decode the batch.
import FuzzSupport
import TouchbaseCore
import TouchbaseExchange

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChanges(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzInput.exercise(FuzzInput.bytes(data, size), kind: .changes, key: nil, decode: decodeChanges)
    return 0
}

func decodeChanges(_ payload: [UInt8], _ header: ExchangeHeader) throws {
    // The codec first (it decodes whatever the header's range), then the batch checks.
    let all = try ChangeCodec.decode(payload)
    FuzzInput.require(try ChangeCodec.decode(ChangeCodec.encode(all)) == all, "Changes do not re-encode stably")
    _ = try ChangeBatch.decode(payload, header: header)
}

@_cdecl("fuzz_changes_main")
public func fuzzChangesMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzChanges)
}
