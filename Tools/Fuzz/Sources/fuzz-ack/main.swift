// Acks as a sync reads them: verify the file, decode the ack.
import FuzzSupport
import TouchbaseCore
import TouchbaseExchange

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAck(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzInput.exercise(FuzzInput.bytes(data, size), kind: .ack, key: nil) { payload, header in
        let ack = try Ack.decode(payload, header: header)
        FuzzInput.require(try Ack.decode(ack.payload, header: header) == ack, "ack does not re-encode stably")
    }
    return 0
}

@_cdecl("fuzz_ack_main")
public func fuzzAckMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzAck)
}
