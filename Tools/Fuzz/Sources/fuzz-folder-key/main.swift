// The folder key file: structure checks, and unlocking with the vector passphrase when the scrypt
// cost is the testing one (higher costs are valid by design and only slow).
import FuzzSupport
import TouchbaseCore
import TouchbaseExchange

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFolderKey(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = FuzzInput.bytes(data, size)
    check(input)
    // The key file checksum is the SHA-256 of its first 84 bytes in its last 32.
    if input.count == FolderKey.fileLength {
        let fixed = Array(input[0..<84]) + SHA256Digest.hash(Array(input[0..<84]))
        if fixed != input { check(fixed) }
    }
    return 0
}

func check(_ bytes: [UInt8]) {
    guard let parameters = try? FolderKey.parse(keyFile: bytes) else { return }
    FuzzInput.require(parameters.isWithinLimits, "parse accepted parameters over the limits")
    guard parameters.log2N <= 10, parameters.r <= 8, parameters.p == 1 else { return }
    _ = try? FolderKey.unlock(keyFile: bytes, passphrase: FuzzKey.passphrase)
}

@_cdecl("fuzz_folder_key_main")
public func fuzzFolderKeyMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzFolderKey)
}
