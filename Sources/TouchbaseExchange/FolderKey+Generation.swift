import Crypto
import TouchbaseCore

/// What a key file says about itself before any passphrase is tried.
public struct KeyFileInfo: Hashable, Sendable {
    /// 1 for `touchbase-folder.key`; 2 and up for the files a key change writes.
    public var generation: UInt64
    /// The key id (public: the first 8 bytes of the check value).
    public var keyID: UInt64
    /// The scrypt cost.
    public var parameters: KeyDerivationParameters
    /// Where the check value starts.
    var checkOffset: Int
}

extension FolderKey {
    /// The folder holding the key files of generations 2 and up: `keys/<generation>-<key id>.tbk`.
    public static let generationDirectory = "keys"
    /// At most this many earlier keys are carried by one key file.
    public static let maxRetiredKeys = 1000
    /// The length of a generation file carrying `count` earlier keys.
    static func generationFileLength(carrying count: Int) -> Int { historyOffset + sealOverhead + 40 * count + 64 }
    static let historyOffset = 62
    static let sealOverhead = 28
    /// The largest valid key file.
    public static var maxFileLength: Int { generationFileLength(carrying: maxRetiredKeys) }

    /// The name of a generation's key file inside ``generationDirectory``.
    public static func generationFileName(generation: UInt64, keyID: UInt64) -> String {
        "\(generation)-\(ExchangeFile.hex(keyID)).tbk"
    }

    /// Parses `<generation>-<16 hex>.tbk` (canonical decimal ≥ 2, lowercase hex); nil otherwise.
    public static func parseGenerationFileName(_ name: String) -> (generation: UInt64, keyID: UInt64)? {
        guard name.hasSuffix(".tbk") else { return nil }
        let stem = name.dropLast(4)
        let parts = stem.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let g = FolderEntry.number(parts[0]), g >= 2,
              parts[1].count == 16, parts[1].allSatisfy({ ("0"..."9").contains($0) || ("a"..."f").contains($0) }),
              let id = UInt64(parts[1], radix: 16) else { return nil }
        return (g, id)
    }

    /// Checks a key file's structure without a passphrase (SPEC.md §6.1 and §6.5 steps 1–4).
    public static func inspect(keyFile bytes: [UInt8]) throws -> KeyFileInfo {
        let file = fileName
        guard bytes.count >= 10, bytes[0..<8].elementsEqual(magic) else {
            throw ExchangeError(.badKeyFile, "not a Touchbase folder key file", file: file)
        }
        guard bytes[8] <= 1 else {
            throw ExchangeError(.newerMajorVersion, "key file format \(bytes[8]).\(bytes[9])", file: file)
        }
        guard bytes[8] == 1, bytes[9] <= 1 else {
            throw ExchangeError(.badKeyFile, "key file format \(bytes[8]).\(bytes[9])", file: file)
        }
        let checkOffset: Int
        if bytes[9] == 0 {
            guard bytes.count == fileLength else {
                throw ExchangeError(.badKeyFile, "key file is \(bytes.count) bytes, must be \(fileLength)", file: file)
            }
            checkOffset = 52
        } else {
            guard bytes.count >= generationFileLength(carrying: 1), bytes.count <= maxFileLength else {
                throw ExchangeError(.badKeyFile, "key file of \(bytes.count) bytes", file: file)
            }
            let count = Int(bytes[60]) << 8 | Int(bytes[61])
            guard bytes.count == generationFileLength(carrying: count) else {
                throw ExchangeError(.badKeyFile, "key file of \(bytes.count) bytes declares \(count) earlier keys", file: file)
            }
            checkOffset = bytes.count - 64
        }
        guard Array(SHA256.hash(data: bytes[0..<(checkOffset + 32)])).elementsEqual(bytes[(checkOffset + 32)...]) else {
            throw ExchangeError(.checksumMismatch, "key file checksum mismatch", file: file)
        }
        guard bytes[10] == 1 else { throw ExchangeError(.badKeyFile, "unknown key derivation \(bytes[10])", file: file) }
        var r = ByteReader(bytes, range: 11..<20)
        let parameters = KeyDerivationParameters(log2N: try r.byte(), r: try r.uint32BE(), p: try r.uint32BE())
        guard parameters.isWithinLimits else {
            throw ExchangeError(.badKeyFile, "scrypt parameters log2N \(parameters.log2N) r \(parameters.r) p \(parameters.p) are over the limits", file: file)
        }
        var generation: UInt64 = 1
        if bytes[9] == 1 {
            generation = bytes[52..<60].reduce(0) { $0 << 8 | UInt64($1) }
            guard generation >= 2 else { throw ExchangeError(.badKeyFile, "generation \(generation) in a generation key file", file: file) }
        }
        let keyID = bytes[checkOffset..<(checkOffset + 8)].reduce(0) { $0 << 8 | UInt64($1) }
        return KeyFileInfo(generation: generation, keyID: keyID, parameters: parameters, checkOffset: checkOffset)
    }

    /// Derives the key of a new generation and its key file (SPEC.md §6.5). The file carries,
    /// sealed under the new key, the payload keys of every key in `previous` and of every key they
    /// carry, so files sealed before the change stay readable with the new passphrase alone.
    ///
    /// - parameters:
    ///   - previous: the keys being replaced (the current one; after a concurrent change, both).
    ///   - passphrase: the new passphrase; must not be empty.
    ///   - salt: 32 random bytes.
    ///   - generation: the new generation, ≥ 2 (one more than the highest in the folder).
    ///   - parameters: the scrypt cost.
    /// - returns: the key and the bytes of `keys/<generation>-<key id>.tbk`.
    /// - throws: ``ExchangeError/invalidArgument`` for an empty passphrase, a bad salt, generation
    ///   under 2, nothing to carry, or more than ``maxRetiredKeys`` keys.
    public static func rotate(carrying previous: [FolderKey], passphrase: String, salt: [UInt8], generation: UInt64,
                              parameters: KeyDerivationParameters = .default) throws -> (key: FolderKey, keyFile: [UInt8]) {
        guard salt.count == saltLength else { throw ExchangeError(.invalidArgument, "salt must be \(saltLength) bytes") }
        guard parameters.isWithinLimits else { throw ExchangeError(.invalidArgument, "key derivation parameters over the limits") }
        guard generation >= 2 else { throw ExchangeError(.invalidArgument, "a key change makes generation 2 or later") }
        var retired: [UInt64: [UInt8]] = [:]
        for k in previous {
            retired[k.keyID] = k.payloadKeyBytes
            for (id, bytes) in k.retiredKeys { retired[id] = bytes }
        }
        guard !retired.isEmpty, retired.count <= maxRetiredKeys else {
            throw ExchangeError(.invalidArgument, "a key file carries 1 to \(maxRetiredKeys) earlier keys, not \(retired.count)")
        }
        let keys = try derive(passphrase: passphrase, salt: salt, parameters: parameters)
        var w = ByteWriter(capacity: generationFileLength(carrying: retired.count))
        w.raw(magic)
        w.byte(1)       // major
        w.byte(1)       // minor: a generation file
        w.byte(1)       // KDF: scrypt
        w.byte(parameters.log2N)
        w.uint32BE(parameters.r)
        w.uint32BE(parameters.p)
        w.raw(salt)
        w.uint64BE(generation)
        w.byte(UInt8(retired.count >> 8))
        w.byte(UInt8(retired.count & 0xFF))
        var history = ByteWriter(capacity: 40 * retired.count)
        for id in retired.keys.sorted() {
            history.uint64BE(id)
            history.raw(retired[id]!)
        }
        // Sealed like an exchange payload (§6.4): only the payload and nonce keys are needed, and
        // the key id is not known yet (it comes from the check value below).
        let sealer = FolderKey(check: [UInt8](repeating: 0, count: 8), keys: keys)
        w.raw(sealer.seal(history.bytes, header: w.bytes))
        let check = Array(HMAC<SHA256>.authenticationCode(for: w.bytes, using: keys.check))
        if retired[check[0..<8].reduce(0) { $0 << 8 | UInt64($1) }] != nil {
            throw ExchangeError(.invalidArgument, "the new key id equals an earlier one; use another salt")
        }
        w.raw(check)
        w.raw(Array(SHA256.hash(data: w.bytes)))
        return (FolderKey(check: check, keys: keys, generation: generation, retired: retired), w.bytes)
    }

    /// Opens the earlier keys a generation file carries (the passphrase was already checked).
    func openingHistory(of bytes: [UInt8]) throws -> FolderKey {
        let end = bytes.count - 64
        let history: [UInt8]
        do {
            history = try open(bytes[FolderKey.historyOffset..<end], header: Array(bytes[0..<FolderKey.historyOffset]))
        } catch {
            throw ExchangeError(.badKeyFile, "the earlier keys it carries do not authenticate", file: FolderKey.fileName)
        }
        var retired: [UInt64: [UInt8]] = [:]
        var previous: UInt64?
        var r = ByteReader(history)
        while !r.isAtEnd {
            let id = try r.uint64BE()
            let payload = Array(try r.raw(32))
            guard previous.map({ $0 < id }) ?? true, id != keyID else {
                throw ExchangeError(.badKeyFile, "earlier key ids not ascending, or repeating this key's id", file: FolderKey.fileName)
            }
            retired[id] = payload
            previous = id
        }
        var key = self
        key.retiredKeys = retired
        return key
    }
}
