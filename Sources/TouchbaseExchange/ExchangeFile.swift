import Crypto
import TouchbaseCore

/// One exchange file: header ‖ stored payload ‖ Ed25519 signature ‖ SHA-256 (Protocol/SPEC.md,
/// "File framing").
///
/// ```swift
/// let bytes = ExchangeFile.seal(kind: .ack, device: me, payload: ack.payload, key: nil, signer: myKey)
/// let file = try ExchangeFile.open(bytes, key: nil)  // verified: magic, version, lengths, checksum, signature, …
/// let again = try Ack.decode(file.payload, header: file.header)
/// ```
///
/// Pure: no I/O. ``SharedFolder`` names, writes and reads the files.
public struct ExchangeFile: Hashable, Sendable {
    /// The verified header.
    public var header: ExchangeHeader
    /// The decoded payload: decrypted and inflated.
    public var payload: [UInt8]
    /// The verified Ed25519 signature by ``ExchangeHeader/signer``; empty for a 1.x file (opened only
    /// when unsigned files are asked for).
    public var signature: [UInt8] = []

    /// The key that signed the file; nil for a 1.x file.
    public var signer: DevicePublicKey? { header.isSigned ? DevicePublicKey(trusted: header.signer) : nil }

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
    ///   - signer: the device's signing key.
    ///   - compress: whether to try zlib.
    public static func seal(kind: ExchangeFileKind, device: DeviceID, first: UInt64 = 0, last: UInt64 = 0,
                            payload: [UInt8], key: FolderKey?, signer: DeviceSigningKey, compress: Bool = true) -> [UInt8] {
        sealing(kind: kind, device: device, first: first, last: last, payload: payload, key: key, signer: signer, compress: compress)
    }

    /// Frames a payload in format 1.0: no signer, no signature. Kept so that the 1.x reading path
    /// stays under test (vectors, migration); nothing publishes it.
    static func sealUnsignedV1(kind: ExchangeFileKind, device: DeviceID, first: UInt64 = 0, last: UInt64 = 0,
                               payload: [UInt8], key: FolderKey?, compress: Bool = true) -> [UInt8] {
        sealing(kind: kind, device: device, first: first, last: last, payload: payload, key: key, signer: nil, compress: compress)
    }

    static func sealing(kind: ExchangeFileKind, device: DeviceID, first: UInt64, last: UInt64,
                        payload: [UInt8], key: FolderKey?, signer: DeviceSigningKey?, compress: Bool,
                        major: UInt8? = nil) -> [UInt8] {
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
                                    payloadLength: UInt64(payload.count), storedLength: stored, keyID: key?.keyID ?? 0)
        var signature: [UInt8] = []
        if let signer {
            // `major` only for tests of older files (a 2.0 changes file stays readable).
            header.major = major ?? ExchangeHeader.writtenMajor(for: kind, payload: payload)
            if major == nil { header.minor = ExchangeHeader.writtenMinor(for: kind) }
            header.signer = signer.publicKey.raw
            signature = signer.sign(ExchangeSignature.message(header: header, payload: payload))
        } else {
            header.major = 1
            header.headerLength = ExchangeHeader.v1BaseLength
            header.signer = []
        }
        let encoded = header.encoded
        return frame(header: encoded, stored: key.map { $0.seal(body, header: encoded) } ?? body, signature: signature)
    }

    /// header ‖ stored ‖ signature ‖ SHA-256(header ‖ stored ‖ signature). The signature is empty in 1.x.
    static func frame(header: [UInt8], stored: [UInt8], signature: [UInt8] = []) -> [UInt8] {
        var out = header
        out.reserveCapacity(header.count + stored.count + signature.count + ExchangeHeader.checksumLength)
        out.append(contentsOf: stored)
        out.append(contentsOf: signature)
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
    ///   - acceptUnsigned: whether to return a format 1.x file (no signature) instead of failing with
    ///     `unsigned`. Only for code that never applies what it reads: a device comparing its own
    ///     old files with its log before re-signing them, and tests of the 1.x path.
    /// - throws: ``ExchangeError`` (truncated, badMagic, newerMajorVersion, malformedHeader, tooLarge,
    ///   lengthMismatch, checksumMismatch, keyRequired, decryptionFailed, decompressionFailed,
    ///   unsigned, signatureInvalid). Whether the signer is the device's pinned key is not checked
    ///   here: see ``KeyPins``.
    public static func open(_ bytes: [UInt8], key: FolderKey?, limits: ExchangeLimits = .default,
                            acceptUnsigned: Bool = false) throws -> ExchangeFile {
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
        let expected = h + s + UInt64(header.trailerLength)
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
        let signatureEnd = end + header.trailerLength - ExchangeHeader.checksumLength
        guard Array(SHA256.hash(data: bytes[0..<signatureEnd])).elementsEqual(bytes[signatureEnd...]) else {
            throw ExchangeError(.checksumMismatch, "SHA-256 of the header, payload and signature does not match")
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
        guard header.isSigned else {
            guard acceptUnsigned else {
                throw ExchangeError(.unsigned, "format \(header.major).\(header.minor) carries no signature; it is left alone until its device re-signs it")
            }
            return ExchangeFile(header: header, payload: body)
        }
        let signature = Array(bytes[end..<signatureEnd])
        let message = ExchangeSignature.message(header: header, payload: body)
        guard DevicePublicKey(raw: header.signer)?.isValidSignature(signature, for: message) == true else {
            throw ExchangeError(.signatureInvalid, "the signature does not verify under the key in the header (\(DevicePublicKey.fingerprint(of: header.signer)))")
        }
        return ExchangeFile(header: header, payload: body, signature: signature)
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
