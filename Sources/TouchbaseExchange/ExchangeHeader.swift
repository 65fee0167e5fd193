import TouchbaseCore

/// What an exchange file holds (header byte 12).
public enum ExchangeFileKind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// A batch of one device's consecutive Changes, `first...last`.
    case changes = 1
    /// The version vector a device has applied.
    case ack = 2
    /// A device's name, format version and creation time.
    case deviceCard = 3
    /// A snapshot of the whole state: the covered vector and the body that lists its parts (format 3.1).
    case snapshot = 4
    /// One part of a snapshot's records (format 3.1): `first` and `last` are the part's number.
    case snapshotPart = 5

    /// The name used in JSON and messages.
    public var description: String {
        switch self {
        case .changes: return "changes"
        case .ack: return "ack"
        case .deviceCard: return "deviceCard"
        case .snapshot: return "snapshot"
        case .snapshotPart: return "snapshotPart"
        }
    }
}

/// The fixed header of every exchange file (Protocol/SPEC.md, "Header"). All integers big-endian.
///
/// ```
///  0  8  magic 89 54 42 58 0D 0A 1A 0A       40  8  last seq
///  8  1  format major (4 changes, 2 others) 48  8  payload length (decoded)
///  9  1  format minor (0)                    56  8  stored length (in this file)
/// 10  2  header length (104 in 2.0)          64  8  key id (encrypted files; else 0)
/// 12  1  kind        13  1  flags            72 32  signer: Ed25519 public key (2.x only)
/// 14  2  reserved (0)                       104 ..  fields of newer minors (skipped)
/// 16 16  device id   32  8  first seq
/// ```
///
/// Format 1.x headers (72 bytes, no signer) are still parsed: a reader reports their files as
/// unsigned and never applies them.
public struct ExchangeHeader: Hashable, Sendable {
    /// `\x89TBX\r\n\x1A\n`: a high byte, the name, and line-ending bytes that text-mode transfers mangle.
    public static let magic: [UInt8] = [0x89, 0x54, 0x42, 0x58, 0x0D, 0x0A, 0x1A, 0x0A]
    /// The newest format version this code reads and writes: 4.0 (changes files hold word-coded
    /// batches); acks, device cards and snapshots did not change and are written as 2.x
    /// (``writtenMajor(for:)``).
    public static let currentMajor: UInt8 = 4
    public static let currentMinor: UInt8 = 0
    /// The first major whose changes files may carry hash-chain links (batch version 2).
    public static let chainedMajor: UInt8 = 3
    /// The first major whose changes files may hold word-coded batches (batch version 3).
    public static let wordsMajor: UInt8 = 4

    /// The major version a writer puts on a file of `kind` (Protocol/SPEC.md §11).
    public static func writtenMajor(for kind: ExchangeFileKind) -> UInt8 { kind == .changes ? wordsMajor : 2 }
    /// The major version of a file of `kind` holding `payload`: a changes file takes the first major
    /// that can hold its batch (4 for a word-coded batch, else 3), so that a batch of version 1 or 2
    /// is framed exactly as format 3.0 framed it.
    public static func writtenMajor(for kind: ExchangeFileKind, payload: [UInt8]) -> UInt8 {
        kind == .changes && payload.first != ChangeCodec.wordsVersion ? chainedMajor : writtenMajor(for: kind)
    }
    /// The minor version a writer puts on a file of `kind`: 1 for snapshots and their parts (format
    /// 3.1 gave the snapshot body its meaning), else 0.
    public static func writtenMinor(for kind: ExchangeFileKind) -> UInt8 { kind == .snapshot || kind == .snapshotPart ? 1 : 0 }
    /// The length of a 2.0 header; newer minors may append fields.
    public static let baseLength = 104
    /// The length of a 1.x header (no signer).
    public static let v1BaseLength = 72

    /// The base header length of a major version.
    public static func baseLength(major: UInt8) -> Int { major >= 2 ? baseLength : v1BaseLength }
    /// Bytes of the SHA-256 trailer after the payload.
    public static let checksumLength = 32
    /// Bytes that encryption adds to the payload: a 12-byte nonce and a 16-byte tag.
    public static let sealOverhead = 28

    /// Flag bit 0: the payload is a zlib stream.
    public static let compressedFlag: UInt8 = 0x01
    /// Flag bit 1: the payload is sealed with ChaCha20-Poly1305.
    public static let encryptedFlag: UInt8 = 0x02

    /// The format major version (a newer one is refused: ``ExchangeError/newerMajorVersion``).
    public var major: UInt8 = currentMajor
    /// The format minor version (a newer one is read: its extra fields are skipped).
    public var minor: UInt8 = currentMinor
    /// The header length in bytes, at least ``baseLength``.
    public var headerLength: Int = baseLength
    /// What the payload is.
    public var kind: ExchangeFileKind
    /// ``compressedFlag`` and ``encryptedFlag``; other bits are reserved.
    public var flags: UInt8
    /// The device that wrote the file (and, for changes, made the Changes).
    public var device: DeviceID
    /// The sequence range of a changes file; 0 for other kinds.
    public var first: UInt64
    /// The last sequence number of a changes file; 0 for other kinds.
    public var last: UInt64
    /// The decoded payload length: after decryption and decompression.
    public var payloadLength: UInt64
    /// The payload length as stored in the file.
    public var storedLength: UInt64
    /// The first 8 bytes of the folder key's check value, for encrypted files; else 0.
    public var keyID: UInt64
    /// The Ed25519 public key that signed the file (32 bytes; zeros until set); empty in a 1.x header.
    public var signer: [UInt8] = Array(repeating: 0, count: 32)
    /// Header bytes past the ones this version knows (from a newer minor), kept as read.
    public var extra: [UInt8] = []

    /// Whether the file carries a signature (format 2 and later).
    public var isSigned: Bool { major >= 2 }
    /// Bytes after the stored payload: the signature (format 2) and the SHA-256 checksum.
    public var trailerLength: Int { (isSigned ? ExchangeSignature.length : 0) + Self.checksumLength }

    /// Whether the stored payload is a zlib stream.
    public var isCompressed: Bool { flags & Self.compressedFlag != 0 }
    /// Whether the stored payload is sealed with the folder key.
    public var isEncrypted: Bool { flags & Self.encryptedFlag != 0 }

    /// Creates a header.
    public init(kind: ExchangeFileKind, flags: UInt8, device: DeviceID, first: UInt64, last: UInt64,
                payloadLength: UInt64, storedLength: UInt64, keyID: UInt64) {
        self.kind = kind
        self.flags = flags
        self.device = device
        self.first = first
        self.last = last
        self.payloadLength = payloadLength
        self.storedLength = storedLength
        self.keyID = keyID
    }

    /// The header bytes (``headerLength`` of them).
    public var encoded: [UInt8] {
        var w = ByteWriter(capacity: headerLength)
        w.raw(Self.magic)
        w.byte(major)
        w.byte(minor)
        w.raw([UInt8(headerLength >> 8), UInt8(headerLength & 0xFF)])
        w.byte(kind.rawValue)
        w.byte(flags)
        w.raw([0, 0])
        w.raw(device.raw.bytes)
        w.uint64BE(first)
        w.uint64BE(last)
        w.uint64BE(payloadLength)
        w.uint64BE(storedLength)
        w.uint64BE(keyID)
        if isSigned {
            precondition(signer.count == 32, "a format \(major) header needs a 32-byte signer")
            w.raw(signer)
        }
        w.raw(extra)
        precondition(w.bytes.count == headerLength, "header length \(headerLength) does not match its fields")
        return w.bytes
    }

    /// Parses and checks the header at the start of `bytes` (steps 1–4 of SPEC.md "Verification").
    ///
    /// - throws: ``ExchangeError`` `badMagic`, `truncated`, `newerMajorVersion`, `malformedHeader`.
    public static func parse(_ bytes: [UInt8], limits: ExchangeLimits = .default) throws -> ExchangeHeader {
        let n = bytes.count
        let m = min(n, magic.count)
        guard bytes[0..<m].elementsEqual(magic[0..<m]) else {
            throw ExchangeError(.badMagic, "the first bytes are not the Touchbase magic")
        }
        guard n > 0 else { throw ExchangeError(.truncated, "empty file") }
        guard n >= 12 else { throw ExchangeError(.truncated, "\(n) bytes, shorter than the header") }
        let major = bytes[8], minor = bytes[9]
        guard major <= currentMajor else {
            throw ExchangeError(.newerMajorVersion, "format \(major).\(minor); this reader knows \(currentMajor).x")
        }
        guard major >= 1 else { throw ExchangeError(.malformedHeader, "format major version 0") }
        let headerLength = Int(bytes[10]) << 8 | Int(bytes[11])
        let base = baseLength(major: major)
        guard headerLength >= base else {
            throw ExchangeError(.malformedHeader, "header length \(headerLength) is under \(base)")
        }
        guard headerLength <= limits.maxHeaderLength else {
            throw ExchangeError(.malformedHeader, "header length \(headerLength) is over \(limits.maxHeaderLength)")
        }
        guard n >= headerLength else { throw ExchangeError(.truncated, "\(n) bytes, header is \(headerLength)") }
        var r = ByteReader(bytes, range: 12..<headerLength)
        do {
            let kindByte = try r.byte()
            guard let kind = ExchangeFileKind(rawValue: kindByte) else {
                throw ExchangeError(.malformedHeader, "unknown file kind \(kindByte)")
            }
            let flags = try r.byte()
            _ = try r.raw(2)
            let device = DeviceID(ID128(bytes: try r.raw(16))!)
            let first = try r.uint64BE(), last = try r.uint64BE()
            let payloadLength = try r.uint64BE(), storedLength = try r.uint64BE()
            let keyID = try r.uint64BE()
            var header = ExchangeHeader(kind: kind, flags: flags, device: device, first: first, last: last,
                                        payloadLength: payloadLength, storedLength: storedLength, keyID: keyID)
            header.major = major
            header.minor = minor
            header.headerLength = headerLength
            header.signer = major >= 2 ? Array(try r.raw(32)) : []
            header.extra = Array(try r.raw(r.remaining))
            if kind == .changes {
                guard first >= 1, first <= last else {
                    throw ExchangeError(.malformedHeader, "invalid sequence range \(first)-\(last)")
                }
            } else if kind == .snapshotPart {
                guard first >= 1, first == last, last <= UInt64(SnapshotBody.maxParts) else {
                    throw ExchangeError(.malformedHeader, "invalid snapshot part range \(first)-\(last)")
                }
            } else {
                guard first == 0, last == 0 else {
                    throw ExchangeError(.malformedHeader, "a \(kind) file has sequence range \(first)-\(last), must be 0-0")
                }
            }
            return header
        } catch let error as CodecError {
            throw ExchangeError(.truncated, "header: \(error)")
        }
    }
}
