import Crypto
import TouchbaseCore

/// The messages a device signs (Protocol/SPEC.md, "Signature" and "Pinned keys and key changes").
///
/// A file's signed message holds what the file means — format, kind, device, range, decoded length
/// and the SHA-256 of the decoded payload — and nothing about how it is stored (compression,
/// encryption, header length), so the same signed content can later be carried by another device
/// and still be verified as its author's.
public enum ExchangeSignature {
    /// Bytes of an Ed25519 signature.
    public static let length = 64
    /// `"touchbase/2 signed file" ‖ 0x00`.
    static let fileDomain: [UInt8] = Array("touchbase/2 signed file".utf8) + [0]
    /// `"touchbase/2 key rotation" ‖ 0x00`.
    static let rotationDomain: [UInt8] = Array("touchbase/2 key rotation".utf8) + [0]

    /// The message signed for a file with `header` and decoded `payload`.
    public static func message(header: ExchangeHeader, payload: [UInt8]) -> [UInt8] {
        message(major: header.major, minor: header.minor, kind: header.kind, device: header.device,
                first: header.first, last: header.last, payloadLength: header.payloadLength,
                payloadDigest: Array(SHA256.hash(data: payload)))
    }

    /// The message signed for a file, from its parts (a relay carries exactly these).
    public static func message(major: UInt8, minor: UInt8, kind: ExchangeFileKind, device: DeviceID,
                               first: UInt64, last: UInt64, payloadLength: UInt64, payloadDigest: [UInt8]) -> [UInt8] {
        var w = ByteWriter(capacity: 103)
        w.raw(fileDomain)
        w.byte(major)
        w.byte(minor)
        w.byte(kind.rawValue)
        w.raw(device.raw.bytes)
        w.uint64BE(first)
        w.uint64BE(last)
        w.uint64BE(payloadLength)
        w.raw(payloadDigest)
        return w.bytes
    }

    /// The message an old key signs to endorse a device's new key.
    public static func rotationMessage(device: DeviceID, newKey: DevicePublicKey) -> [UInt8] {
        rotationDomain + device.raw.bytes + newKey.raw
    }
}
