import Crypto
import _CryptoExtras
import Foundation
import TouchbaseCore

/// The scrypt cost of a folder key (Protocol/SPEC.md, "Folder key file").
public struct KeyDerivationParameters: Hashable, Sendable {
    /// log2 of scrypt's N (CPU/memory cost).
    public var log2N: UInt8
    /// scrypt's block size r.
    public var r: UInt32
    /// scrypt's parallelism p.
    public var p: UInt32

    /// Creates parameters; ``FolderKey`` checks them against the limits.
    public init(log2N: UInt8, r: UInt32, p: UInt32) {
        self.log2N = log2N
        self.r = r
        self.p = p
    }

    /// N = 2^17, r = 8, p = 1: 128 MiB and a fraction of a second per unlock.
    public static let `default` = KeyDerivationParameters(log2N: 17, r: 8, p: 1)
    /// N = 2^10, r = 8, p = 1: for tests and test vectors only.
    public static let testing = KeyDerivationParameters(log2N: 10, r: 8, p: 1)

    /// Parameters with r = 8 and p = 1 whose scrypt uses `memoryMiB` mebibytes (128 · r · N bytes).
    ///
    /// Less memory suits a device that has little; more makes each guess of the passphrase dearer.
    /// The default, ``default``, uses 128 MiB.
    ///
    /// - returns: nil unless `memoryMiB` is one of ``memoryChoicesMiB``.
    public init?(memoryMiB: Int) {
        guard Self.memoryChoicesMiB.contains(memoryMiB) else { return nil }
        self.init(log2N: UInt8(memoryMiB.trailingZeroBitCount + 10), r: 8, p: 1)
    }

    /// The memory sizes ``init(memoryMiB:)`` accepts: the powers of two from 1 to 256 MiB (the
    /// readers' limit).
    public static let memoryChoicesMiB: [Int] = (0...8).map { 1 << $0 }

    /// The memory scrypt uses with these parameters, in mebibytes (128 · r · N bytes).
    public var memoryMiB: Double { Double(128 * UInt64(r)) * Double(UInt64(1) << UInt64(log2N)) / Double(1 << 20) }

    /// Whether a reader accepts these parameters: 10 ≤ log2 N ≤ 20, 1 ≤ r ≤ 32, 1 ≤ p ≤ 16,
    /// memory 128·r·N ≤ 256 MiB and work N·r·p ≤ 2^24.
    public var isWithinLimits: Bool {
        guard (10...20).contains(log2N), (1...32).contains(r), (1...16).contains(p) else { return false }
        let n = UInt64(1) << UInt64(log2N)
        return 128 * UInt64(r) * n <= 256 << 20 && n * UInt64(r) * UInt64(p) <= 1 << 24
    }
}

/// The keys that seal and open a shared folder's files, derived from its passphrase.
///
/// ```swift
/// let (key, keyFile) = try FolderKey.create(passphrase: "correct horse", salt: randomSalt)
/// // later, on any device:
/// let key = try FolderKey.unlock(keyFile: keyFileBytes, passphrase: "correct horse")
/// ```
///
/// The passphrase (NFC-normalized UTF-8) and the key file's salt go through scrypt to a 32-byte
/// master key; HKDF-SHA256 derives the payload key, the nonce key and the check key from it. The
/// key file stores an HMAC of its own bytes under the check key, so a wrong passphrase is reported
/// as such before any file is touched.
public struct FolderKey: Sendable {
    /// The first 8 bytes of the key file's check value, written in each encrypted file's header.
    public let keyID: UInt64
    /// The key file generation: 1 for `touchbase-folder.key`, 2 and up for the key files a key
    /// change writes (see ``rotate(carrying:passphrase:salt:generation:parameters:)``).
    public let generation: UInt64
    // Raw bytes: SymmetricKey is not Sendable.
    let payloadKeyBytes: [UInt8]
    let nonceKeyBytes: [UInt8]
    /// The payload keys of earlier generations, by key id: they open files sealed before a key
    /// change, and never seal anything.
    var retiredKeys: [UInt64: [UInt8]]

    /// The key ids of earlier generations this key can still open.
    public var retiredKeyIDs: Set<UInt64> { Set(retiredKeys.keys) }

    /// Whether files sealed under `keyID` open with this key (the current one or a retired one).
    public func opens(keyID id: UInt64) -> Bool { id == keyID || retiredKeys[id] != nil }
    var payloadKey: SymmetricKey { SymmetricKey(data: payloadKeyBytes) }
    var nonceKey: SymmetricKey { SymmetricKey(data: nonceKeyBytes) }

    /// The key file's name at the root of the shared folder.
    public static let fileName = "touchbase-folder.key"
    /// `\x89TBK\r\n\x1A\n`.
    public static let magic: [UInt8] = [0x89, 0x54, 0x42, 0x4B, 0x0D, 0x0A, 0x1A, 0x0A]
    /// The key file's exact size in format 1.
    public static let fileLength = 116
    static let saltLength = 32

    /// Derives a new key and the key file that lets other devices derive it.
    ///
    /// - parameters:
    ///   - passphrase: the folder passphrase; must not be empty.
    ///   - salt: 32 random bytes (injected so tests are deterministic).
    ///   - parameters: the scrypt cost.
    /// - returns: the key, and the 116 bytes of `touchbase-folder.key`.
    /// - throws: ``ExchangeError/invalidArgument`` for an empty passphrase, a salt that is not 32
    ///   bytes, or parameters over the limits.
    public static func create(passphrase: String, salt: [UInt8],
                              parameters: KeyDerivationParameters = .default) throws -> (key: FolderKey, keyFile: [UInt8]) {
        guard salt.count == saltLength else { throw ExchangeError(.invalidArgument, "salt must be \(saltLength) bytes") }
        guard parameters.isWithinLimits else { throw ExchangeError(.invalidArgument, "key derivation parameters over the limits") }
        var w = ByteWriter(capacity: fileLength)
        w.raw(magic)
        w.byte(1)       // major
        w.byte(0)       // minor
        w.byte(1)       // KDF: scrypt
        w.byte(parameters.log2N)
        w.uint32BE(parameters.r)
        w.uint32BE(parameters.p)
        w.raw(salt)
        let keys = try derive(passphrase: passphrase, salt: salt, parameters: parameters)
        let check = Array(HMAC<SHA256>.authenticationCode(for: w.bytes, using: keys.check))
        w.raw(check)
        w.raw(Array(SHA256.hash(data: w.bytes)))
        return (FolderKey(check: check, keys: keys), w.bytes)
    }

    /// Opens a key file with a passphrase: `touchbase-folder.key` (generation 1) or a later
    /// generation's file, whose retired keys it then carries.
    ///
    /// - throws: ``ExchangeError`` `wrongPassphrase` when the passphrase does not match;
    ///   `checksumMismatch` for a damaged key file; `newerMajorVersion`; `badKeyFile` for anything
    ///   else that is wrong with it (including scrypt parameters over the limits).
    public static func unlock(keyFile bytes: [UInt8], passphrase: String) throws -> FolderKey {
        let info = try inspect(keyFile: bytes)
        let c = info.checkOffset
        let body = Array(bytes[0..<c])
        let salt = Array(bytes[20..<52])
        let stored = Array(bytes[c..<(c + 32)])
        let keys = try derive(passphrase: passphrase, salt: salt, parameters: info.parameters)
        guard HMAC<SHA256>.isValidAuthenticationCode(stored, authenticating: body, using: keys.check) else {
            throw ExchangeError(.wrongPassphrase, "the passphrase does not open \(info.generation == 1 ? fileName : "key generation \(info.generation)")")
        }
        let key = FolderKey(check: stored, keys: keys, generation: info.generation)
        guard info.generation > 1 else { return key }
        return try key.openingHistory(of: bytes)
    }

    /// Checks a key file's structure and returns its parameters (steps of SPEC.md "Folder key file").
    public static func parse(keyFile bytes: [UInt8]) throws -> KeyDerivationParameters {
        try inspect(keyFile: bytes).parameters
    }

    // MARK: - Derivation

    struct Keys {
        var payload: SymmetricKey, nonce: SymmetricKey, check: SymmetricKey
    }

    init(check: [UInt8], keys: Keys, generation: UInt64 = 1, retired: [UInt64: [UInt8]] = [:]) {
        keyID = check[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
        self.generation = generation
        payloadKeyBytes = keys.payload.withUnsafeBytes { Array($0) }
        nonceKeyBytes = keys.nonce.withUnsafeBytes { Array($0) }
        retiredKeys = retired
    }

    static func derive(passphrase: String, salt: [UInt8], parameters: KeyDerivationParameters) throws -> Keys {
        let password = Array(passphrase.precomposedStringWithCanonicalMapping.utf8)
        guard !password.isEmpty else { throw ExchangeError(.invalidArgument, "the passphrase is empty") }
        let master: SymmetricKey
        do {
            master = try KDF.Scrypt.deriveKey(from: password, salt: salt, outputByteCount: 32,
                                              rounds: 1 << Int(parameters.log2N), blockSize: Int(parameters.r),
                                              parallelism: Int(parameters.p))
        } catch {
            throw ExchangeError(.badKeyFile, "scrypt failed: \(error)")
        }
        func sub(_ purpose: String) -> SymmetricKey {
            HKDF<SHA256>.deriveKey(inputKeyMaterial: master, salt: [UInt8](), info: Array("touchbase/1 \(purpose)".utf8),
                                   outputByteCount: 32)
        }
        return Keys(payload: sub("payload key"), nonce: sub("nonce key"), check: sub("check key"))
    }

    // MARK: - Sealing

    /// Seals `plaintext` with the header as associated data. The nonce is derived from the header and
    /// the plaintext, so identical files seal to identical bytes and different ones never share a nonce.
    /// Returns nonce ‖ ciphertext ‖ tag.
    func seal(_ plaintext: [UInt8], header: [UInt8]) -> [UInt8] {
        var mac = HMAC<SHA256>(key: nonceKey)
        mac.update(data: header)
        mac.update(data: plaintext)
        let nonceBytes = Array(mac.finalize()).prefix(12)
        let nonce = try! ChaChaPoly.Nonce(data: nonceBytes)
        let box = try! ChaChaPoly.seal(plaintext, using: payloadKey, nonce: nonce, authenticating: header)
        return Array(box.combined)
    }

    /// Opens nonce ‖ ciphertext ‖ tag sealed with `header` as associated data, under the key
    /// `keyID` names: this key, or one it retired.
    func open<C: Collection>(_ stored: C, header: [UInt8], keyID id: UInt64) throws -> [UInt8] where C.Element == UInt8 {
        guard let keyBytes = id == keyID ? payloadKeyBytes : retiredKeys[id] else {
            throw ExchangeError(.decryptionFailed, "sealed with another folder key (key id \(ExchangeFile.hex(id)), folder key \(ExchangeFile.hex(keyID)))")
        }
        return try open(stored, header: header, using: SymmetricKey(data: keyBytes))
    }

    /// Opens nonce ‖ ciphertext ‖ tag with the current payload key.
    func open<C: Collection>(_ stored: C, header: [UInt8]) throws -> [UInt8] where C.Element == UInt8 {
        try open(stored, header: header, using: payloadKey)
    }

    func open<C: Collection>(_ stored: C, header: [UInt8], using key: SymmetricKey) throws -> [UInt8] where C.Element == UInt8 {
        do {
            let box = try ChaChaPoly.SealedBox(combined: Array(stored))
            return Array(try ChaChaPoly.open(box, using: key, authenticating: header))
        } catch {
            throw ExchangeError(.decryptionFailed, "authentication failed: the file was forged or altered")
        }
    }
}
