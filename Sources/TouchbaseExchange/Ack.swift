import TouchbaseCore

/// A device's acknowledgement: the version vector it has applied, and when it said so
/// (Protocol/SPEC.md, "Ack payload"). Rewritten by its single owner at `acks/<device>.tba`.
public struct Ack: Hashable, Sendable {
    /// The acknowledging device (the file's header device).
    public var device: DeviceID
    /// Every Change this device has applied: `device -> highest seq`.
    public var applied: VersionVector
    /// Wall-clock milliseconds since 1970 when it was written. Informative only: never used to
    /// decide what has been applied.
    public var writtenAt: UInt64

    /// Creates an ack.
    public init(device: DeviceID, applied: VersionVector, writtenAt: UInt64) {
        self.device = device
        self.applied = applied
        self.writtenAt = writtenAt
    }

    /// varint writtenAt, then the version vector.
    public var payload: [UInt8] {
        var w = ByteWriter()
        w.varint(writtenAt)
        applied.write(to: &w)
        return w.bytes
    }

    /// Decodes an ack payload.
    ///
    /// - throws: ``ExchangeError/malformedPayload``.
    public static func decode(_ payload: [UInt8], header: ExchangeHeader) throws -> Ack {
        try decodingPayload {
            var r = ByteReader(payload)
            let writtenAt = try r.varint()
            let applied = try VersionVector.read(from: &r)
            try checkPayloadEnd(r, header: header)
            return Ack(device: header.device, applied: applied, writtenAt: writtenAt)
        }
    }
}
