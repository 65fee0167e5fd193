import Crypto
import TouchbaseCore

/// What a device signed for one file (Protocol/SPEC.md §4.4): the signed tuple
/// `major, minor, kind, device, first, last, payloadLength, signer, signature`. With the decoded
/// payload it is everything a reader needs to verify the file as its author's, whoever framed it,
/// so another device can relay it unaltered (§11.2).
public struct AuthorSignature: Hashable, Sendable {
    /// The format version the author signed.
    public var major: UInt8
    public var minor: UInt8
    /// What the payload is.
    public var kind: ExchangeFileKind
    /// The author.
    public var device: DeviceID
    /// The range of a changes file; 0 for other kinds.
    public var first: UInt64
    public var last: UInt64
    /// The decoded payload's length.
    public var payloadLength: UInt64
    /// The author's Ed25519 public key (32 bytes).
    public var signer: [UInt8]
    /// The author's Ed25519 signature (64 bytes).
    public var signature: [UInt8]

    /// Creates a tuple from its parts.
    public init(major: UInt8, minor: UInt8, kind: ExchangeFileKind, device: DeviceID, first: UInt64, last: UInt64,
                payloadLength: UInt64, signer: [UInt8], signature: [UInt8]) {
        self.major = major
        self.minor = minor
        self.kind = kind
        self.device = device
        self.first = first
        self.last = last
        self.payloadLength = payloadLength
        self.signer = signer
        self.signature = signature
    }

    /// The tuple of a verified, signed file; nil for a format 1.x file (no signature).
    public init?(_ file: ExchangeFile) {
        let h = file.header
        guard h.isSigned, file.signature.count == ExchangeSignature.length else { return nil }
        self.init(major: h.major, minor: h.minor, kind: h.kind, device: h.device, first: h.first, last: h.last,
                  payloadLength: h.payloadLength, signer: h.signer, signature: file.signature)
    }

    /// Whether the signature verifies for `payload` under ``signer`` (RFC 8032), with the message of
    /// SPEC §4.4 rebuilt from this tuple.
    public func verifies(_ payload: [UInt8]) -> Bool {
        guard UInt64(payload.count) == payloadLength, let key = DevicePublicKey(raw: signer) else { return false }
        let message = ExchangeSignature.message(major: major, minor: minor, kind: kind, device: device, first: first, last: last,
                                                payloadLength: payloadLength, payloadDigest: Array(SHA256.hash(data: payload)))
        return key.isValidSignature(signature, for: message)
    }

    /// Frames `payload` under this tuple: the author's header fields and signature, stored the way
    /// this folder stores files (compressed when smaller and `compress`, sealed with `key`). Nothing
    /// is signed again.
    func frame(_ payload: [UInt8], key: FolderKey?, compress: Bool) -> [UInt8] {
        var body = payload
        var flags: UInt8 = 0
        if compress, !payload.isEmpty {
            let packed = Zlib.compress(payload)
            if packed.count < payload.count {
                body = packed
                flags |= ExchangeHeader.compressedFlag
            }
        }
        if key != nil { flags |= ExchangeHeader.encryptedFlag }
        let stored = UInt64(body.count + (key == nil ? 0 : ExchangeHeader.sealOverhead))
        var header = ExchangeHeader(kind: kind, flags: flags, device: device, first: first, last: last,
                                    payloadLength: payloadLength, storedLength: stored, keyID: key?.keyID ?? 0)
        header.major = major
        header.minor = minor
        header.signer = signer
        let encoded = header.encoded
        return ExchangeFile.frame(header: encoded, stored: key.map { $0.seal(body, header: encoded) } ?? body, signature: signature)
    }
}
