import Crypto
import TouchbaseCore

/// The snapshot slot (Protocol/SPEC.md, "Snapshot payload"): the version vector a snapshot covers,
/// then a body whose encoding a later revision of the spec defines. This version frames, names,
/// publishes and verifies snapshots and hands the body over as bytes.
public struct Snapshot: Hashable, Sendable {
    /// The device that wrote it.
    public var device: DeviceID
    /// Every Change the snapshot includes.
    public var covers: VersionVector
    /// The state, encoded as the later revision defines.
    public var body: [UInt8]

    /// Creates a snapshot.
    public init(device: DeviceID, covers: VersionVector, body: [UInt8]) {
        self.device = device
        self.covers = covers
        self.body = body
    }

    /// The version vector, then the body to the end.
    public var payload: [UInt8] {
        var w = ByteWriter(capacity: body.count + 64)
        covers.write(to: &w)
        w.raw(body)
        return w.bytes
    }

    /// Decodes a snapshot payload.
    public static func decode(_ payload: [UInt8], header: ExchangeHeader) throws -> Snapshot {
        try decodingPayload {
            var r = ByteReader(payload)
            let covers = try VersionVector.read(from: &r)
            return Snapshot(device: header.device, covers: covers, body: Array(try r.raw(r.remaining)))
        }
    }

    /// The name's tag for a covered vector: total Changes covered, and the first 8 bytes of the
    /// SHA-256 of the vector's encoding, in hex.
    public static func nameTag(covering v: VersionVector) -> (total: UInt64, digest: String) {
        var w = ByteWriter()
        v.write(to: &w)
        let digest = SHA256.hash(data: w.bytes).prefix(8).map { String($0, radix: 16).leftPadded(2) }.joined()
        return (v.entries.values.reduce(0, &+), digest)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
