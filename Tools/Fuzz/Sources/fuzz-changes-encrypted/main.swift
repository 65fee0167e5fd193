// Changes files in an encrypted folder (the fixed test key): verify, decrypt, inflate, decode.
// Mutated ciphertext never authenticates, so each input is also sealed as a payload under its own
// header's fields (when the header parses) to reach the decoder through decryption.
import FuzzSupport
import TouchbaseCore
import TouchbaseExchange

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChangesEncrypted(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = FuzzInput.bytes(data, size)
    let key = FuzzKey.key
    FuzzInput.exercise(input, kind: .changes, key: key) { payload, header in
        _ = try ChangeBatch.decode(payload, header: header)
    }
    if let header = try? ExchangeHeader.parse(input), header.kind == .changes {
        let payload = Array(input[header.headerLength...])
        let sealed = ExchangeFile.seal(kind: .changes, device: header.device, first: header.first, last: header.last,
                                       payload: payload, key: key, signer: FuzzKey.signer, compress: header.isCompressed)
        guard let file = try? ExchangeFile.open(sealed, key: key) else {
            fatalError("a file sealed with the folder key does not open")
        }
        FuzzInput.require(file.payload == payload, "sealed payload does not come back")
        _ = try? ChangeBatch.decode(file.payload, header: file.header)
    }
    return 0
}

@_cdecl("fuzz_changes_encrypted_main")
public func fuzzChangesEncryptedMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzChangesEncrypted)
}
