// The CSV importers (LinkedIn, Google current and legacy, Outlook, Touchbase): byte decoding,
// format detection by header, then the detected format's reader. Every format-specific entry point
// goes through this detection. A thrown InteropError and a parse result (with skips and warnings)
// are both clean outcomes.
import FuzzSupport
import TouchbaseInterop

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = try? CSVImport.parse(bytes: FuzzInput.bytes(data, size))
    return 0
}

@_cdecl("fuzz_csv_main")
public func fuzzCSVMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzCSV)
}
