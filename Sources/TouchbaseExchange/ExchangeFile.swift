import Crypto
import TouchbaseCore

/// One exchange file: header ‖ stored payload ‖ SHA-256 (Protocol/SPEC.md, "File framing").
///
/// ```swift
/// let bytes = ExchangeFile.seal(kind: .ack, device: me, payload: ack.encoded(), key: nil)
/// let file = try ExchangeFile.open(bytes)        // verified: magic, version, lengths, checksum, …
/// let again = try Ack.decode(file.payload, header: file.header)
/// ```
///
/// Pure: no I/O. ``SharedFolder`` names, writes and reads the files.
public struct ExchangeFile: Hashable, Sendable {
    /// The verified header.
    public var header: ExchangeHeader
    /// The decoded payload: decrypted and inflated.
    public var payload: [UInt8]

    /// Frames a payload.
    ///
    /// The payload is compressed when that makes it smaller (and `compress` is true), then sealed
    /// when `key` is given. The output is a pure function of the arguments (and the zlib build).
    ///
    /// - parameters:
    ///   - kind: what the payload is.
    ///   - device: the writing device.
    ///   - first: the first sequence number (changes files; 0 otherwise).
    ///   - last: the last sequence number (changes files; 0 otherwise).
    ///   - payload: the decoded payload.
    ///   - key: the folder key when the folder is encrypted.
    ///   - compress: whether to try zlib.
    public static func seal(kind: ExchangeFileKind, device: DeviceID, first: UInt64 = 0, last: UInt64 = 0,
                            payload: [UInt8], key: FolderKey?, compress: Bool = true) -> [UInt8] {
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
        let header = ExchangeHeader(kind: kind, flags: flags, device: device, first: first, last: last,
                                    payloadLength: UInt64(payload.count), storedLength: stored, keyID: key?.keyID ?? 0)
        return frame(header: header.encoded, stored: key.map { $0.seal(body, header: header.encoded) } ?? body)
    }

    /// header ‖ stored ‖ SHA-256(header ‖ stored).
    static func frame(header: [UInt8], stored: [UInt8]) -> [UInt8] {
        var out = header
        out.reserveCapacity(header.count + stored.count + ExchangeHeader.checksumLength)
        out.append(contentsOf: stored)
        out.append(contentsOf: SHA256.hash(data: out))
        return out
    }

    /// Verifies a file completely and returns its header and decoded payload. Checks run in the order
    /// of SPEC.md "Verification", so every implementation reports the same failure for the same file.
    ///
    /// - parameters:
    ///   - bytes: the whole file.
    ///   - key: the folder key, for an encrypted folder. When given, unencrypted files are rejected:
    ///     in an encrypted folder they can only be forged.
    ///   - limits: the size limits.
    /// - throws: ``ExchangeError`` (truncated, badMagic, newerMajorVersion, malformedHeader, tooLarge,
    ///   lengthMismatch, checksumMismatch, keyRequired, decryptionFailed, decompressionFailed).
    public static func open(_ bytes: [UInt8], key: FolderKey?, limits: ExchangeLimits = .default) throws -> ExchangeFile {
        let header = try ExchangeHeader.parse(bytes, limits: limits)
        let h = UInt64(header.headerLength)
        let p = header.payloadLength, s = header.storedLength
        let maxPayload = limits.maxPayload(header.kind)
        guard p <= maxPayload else {
            throw ExchangeError(.tooLarge, "declared payload of \(p) bytes, limit \(maxPayload)")
        }
        guard s <= maxPayload + limits.storedSlack else {
            throw ExchangeError(.tooLarge, "declared stored payload of \(s) bytes, limit \(maxPayload + limits.storedSlack)")
        }
        let expected = h + s + UInt64(ExchangeHeader.checksumLength)
        let n = UInt64(bytes.count)
        guard n >= expected else { throw ExchangeError(.truncated, "\(n) bytes, header declares \(expected)") }
        guard n == expected else { throw ExchangeError(.lengthMismatch, "\(n) bytes, header declares \(expected)") }
        let overhead: UInt64 = header.isEncrypted ? UInt64(ExchangeHeader.sealOverhead) : 0
        guard s >= overhead else { throw ExchangeError(.lengthMismatch, "stored length \(s) is under the \(overhead) bytes of encryption") }
        if !header.isCompressed {
            guard s == p + overhead else {
                throw ExchangeError(.lengthMismatch, "uncompressed payload of \(p) bytes stored in \(s)")
            }
        }
        let end = Int(h + s)
        guard Array(SHA256.hash(data: bytes[0..<end])).elementsEqual(bytes[end...]) else {
            throw ExchangeError(.checksumMismatch, "SHA-256 of the header and payload does not match")
        }
        let headerBytes = Array(bytes[0..<Int(h)])
        var body = Array(bytes[Int(h)..<end])
        switch (header.isEncrypted, key) {
        case (true, nil):
            throw ExchangeError(.keyRequired, "the file is encrypted")
        case (true, let key?):
            // The folder key, or an earlier generation it carries (files sealed before a key change).
            body = try key.open(body, header: headerBytes, keyID: header.keyID)
        case (false, .some):
            throw ExchangeError(.decryptionFailed, "the file is not encrypted, but this folder is: it cannot be authenticated")
        case (false, nil):
            break
        }
        if header.isCompressed {
            body = try Zlib.decompress(body, exactLength: Int(p))
        }
        return ExchangeFile(header: header, payload: body)
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
