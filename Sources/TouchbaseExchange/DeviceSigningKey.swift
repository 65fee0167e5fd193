import Crypto
import TouchbaseCore

/// A device's Ed25519 key pair (Protocol/SPEC.md, "Signature"): it signs every file the device
/// writes. The private part never leaves the device's data directory; the public part is published
/// in its device card and pinned by readers.
///
/// ```swift
/// let key = DeviceSigningKey.generate()
/// let folder = SharedFolder(path: path).signing(with: key)
/// ```
public struct DeviceSigningKey: Sendable {
    /// The 32-byte Ed25519 seed (RFC 8032 private key).
    public let seed: [UInt8]
    /// The public key.
    public let publicKey: DevicePublicKey

    /// The key pair of a 32-byte seed.
    ///
    /// - throws: ``ExchangeError/invalidArgument`` when `seed` is not 32 bytes.
    public init(seed: [UInt8]) throws {
        guard seed.count == 32, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
            throw ExchangeError(.invalidArgument, "a signing key seed is 32 bytes, not \(seed.count)")
        }
        self.seed = seed
        self.publicKey = DevicePublicKey(trusted: Array(key.publicKey.rawRepresentation))
    }

    /// A new random key pair.
    public static func generate() -> DeviceSigningKey {
        let key = Curve25519.Signing.PrivateKey()
        return try! DeviceSigningKey(seed: Array(key.rawRepresentation))
    }

    /// The 64-byte Ed25519 signature of `message`.
    public func sign(_ message: [UInt8]) -> [UInt8] {
        let key = try! Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        return Array(try! key.signature(for: message))
    }
}

/// A device's Ed25519 public key, 32 bytes.
public struct DevicePublicKey: Hashable, Sendable, CustomStringConvertible {
    /// The 32 bytes.
    public let raw: [UInt8]

    /// A public key from its 32 bytes; nil when they are not 32 or do not decode.
    public init?(raw: [UInt8]) {
        guard raw.count == 32, (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil else { return nil }
        self.raw = raw
    }

    init(trusted raw: [UInt8]) { self.raw = raw }

    /// Whether `signature` is a valid Ed25519 signature of `message` by this key.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == 64, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
        return key.isValidSignature(signature, for: message)
    }

    /// What people compare: the first 8 bytes of the key's SHA-256, as four groups of four hex digits.
    public var fingerprint: String { Self.fingerprint(of: raw) }

    /// The fingerprint of raw key bytes (for code that holds a key as bytes).
    public static func fingerprint(of raw: [UInt8]) -> String {
        let hex = SHA256Digest.hash(raw).prefix(8).map { String($0, radix: 16).leftPadded(2) }.joined()
        return stride(from: 0, to: 16, by: 4).map { i in
            String(hex[hex.index(hex.startIndex, offsetBy: i)..<hex.index(hex.startIndex, offsetBy: i + 4)])
        }.joined(separator: " ")
    }

    public var description: String { fingerprint }
}
