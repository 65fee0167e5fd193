// Device cards as a sync reads them: verify the file, decode the card.
import FuzzSupport
import TouchbaseCore
import TouchbaseExchange

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDeviceCard(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzInput.exercise(FuzzInput.bytes(data, size), kind: .deviceCard, key: nil) { payload, header in
        let card = try DeviceCard.decode(payload, header: header)
        FuzzInput.require(try DeviceCard.decode(card.payload, header: header) == card, "card does not re-encode stably")
    }
    return 0
}

@_cdecl("fuzz_device_card_main")
public func fuzzDeviceCardMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzDeviceCard)
}
