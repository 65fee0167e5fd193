import Crypto
import Foundation
@testable import TouchbaseExchange
import TouchbaseCore

extension VectorGenerator {
    static let newPassphrase = "a new passphrase for the folder"
    static let generationSalt: [UInt8] = (0..<32).map { UInt8(0x40 + $0) }

    /// The key change vectors (SPEC.md §6.5): a generation-2 key file carrying the generation-1 key,
    /// a file sealed with it, a generation-1 file read through it, and broken generation files.
    static func addKeyChangeVectors(key: FolderKey, files: inout [String: [UInt8]], good: inout [Entry], bad: inout [Entry]) throws {
        let (next, nextFile) = try FolderKey.rotate(carrying: [key], passphrase: newPassphrase, salt: generationSalt,
                                                    generation: 2, parameters: .testing)
        let keyPath = "good/" + FolderKey.generationDirectory + "/" + FolderKey.generationFileName(generation: 2, keyID: next.keyID)
        files[keyPath] = nextFile

        let changes = [Change(device: dC, seq: 3, hlc: HLC(milliseconds: t0 + 9_000_000, counter: 0), deps: VersionVector([dA: 6]), ops: [
            Op(entity: "contact", record: ada, field: "ask", value: .text("An introduction to the Engine's new owner")),
        ])]
        let sealed = ExchangeFile.seal(kind: .changes, device: dC, first: 3, last: 3, payload: ChangeCodec.encode(changes), key: next, signer: signer(dC))
        files["good/changes-generation-2.tbc"] = sealed
        let json = "good/changes-generation-2.json"
        files[json] = Array((try VectorJSON.file(try ExchangeFile.open(sealed, key: next)).render() + "\n").utf8)
        good.append(Entry(file: "good/changes-generation-2.tbc", json: json, keyFile: keyPath, passphrase: newPassphrase,
                          description: "sealed with the generation-2 key of a key change"))
        good.append(Entry(file: "good/changes-encrypted.tbc", json: "good/changes-encrypted.json", keyFile: keyPath,
                          passphrase: newPassphrase,
                          description: "sealed before the key change, read with the new passphrase through the key the generation-2 file carries"))

        func addBad(_ file: String, _ error: ExchangeError.Code, keyFile: String, passphrase: String, _ description: String) {
            bad.append(Entry(file: file, error: error.rawValue, keyFile: keyFile, passphrase: passphrase, description: description))
        }
        addBad("good/changes-generation-2.tbc", .wrongPassphrase, keyFile: keyPath, passphrase: passphrase,
               "the generation-2 key file with the old passphrase")
        addBad("good/changes-generation-2.tbc", .decryptionFailed, keyFile: "good/touchbase-folder.key", passphrase: passphrase,
               "a file sealed after the key change, read with the generation-1 key")

        var damaged = nextFile
        damaged[80] ^= 0x01
        files["bad/damaged-generation.tbk"] = damaged
        addBad("good/changes-generation-2.tbc", .checksumMismatch, keyFile: "bad/damaged-generation.tbk", passphrase: newPassphrase,
               "a bit of the carried keys flipped")

        // The carried keys altered, with the check value and the checksum recomputed by someone who
        // knows the passphrase: the passphrase opens it, the carried keys do not authenticate.
        let e = nextFile.count - 64
        var forged = Array(nextFile[0..<e])
        forged[70] ^= 0x01
        let keys = try FolderKey.derive(passphrase: newPassphrase, salt: generationSalt, parameters: .testing)
        forged += Array(HMAC<SHA256>.authenticationCode(for: forged, using: keys.check))
        forged += Array(SHA256.hash(data: forged))
        files["bad/forged-history.tbk"] = forged
        addBad("good/changes-encrypted.tbc", .badKeyFile, keyFile: "bad/forged-history.tbk", passphrase: newPassphrase,
               "carried keys altered, check value and checksum recomputed")

        let short = Array(nextFile.dropLast(40))
        files["bad/short-generation.tbk"] = short
        addBad("good/changes-generation-2.tbc", .badKeyFile, keyFile: "bad/short-generation.tbk", passphrase: newPassphrase,
               "40 bytes shorter than the number of carried keys says")
    }
}
