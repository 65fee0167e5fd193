// The vCard importer, directly and through format detection.
// A thrown InteropError and a parse result (with skips and warnings) are both clean outcomes.
import FuzzSupport
import TouchbaseInterop

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVCard(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = FuzzInput.bytes(data, size)
    _ = try? VCardReader.parse(bytes: input)
    _ = try? ContactImport.parse(bytes: input)
    return 0
}

@_cdecl("fuzz_vcard_main")
public func fuzzVCardMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzVCard)
}
