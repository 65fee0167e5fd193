import TouchbaseCore

/// Who a device is, for people: its name, the exchange format it writes, when it was created
/// (Protocol/SPEC.md, "Device card payload"). Rewritten by its owner at `devices/<device>.tbd`.
public struct DeviceCard: Hashable, Sendable {
    /// The device (the file's header device).
    public var device: DeviceID
    /// A human name, e.g. "Ada's laptop".
    public var name: String
    /// The newest exchange format version the device writes.
    public var formatMajor: UInt8
    public var formatMinor: UInt8
    /// Wall-clock milliseconds since 1970 when the device (its database) was created.
    public var createdAt: UInt64

    /// Creates a card; the format defaults to this version's.
    public init(device: DeviceID, name: String, formatMajor: UInt8 = ExchangeHeader.currentMajor,
                formatMinor: UInt8 = ExchangeHeader.currentMinor, createdAt: UInt64) {
        self.device = device
        self.name = name
        self.formatMajor = formatMajor
        self.formatMinor = formatMinor
        self.createdAt = createdAt
    }

    /// string name, u8 format major, u8 format minor, varint createdAt.
    public var payload: [UInt8] {
        var w = ByteWriter()
        w.string(name)
        w.byte(formatMajor)
        w.byte(formatMinor)
        w.varint(createdAt)
        return w.bytes
    }

    /// Decodes a device card payload.
    ///
    /// - throws: ``ExchangeError/malformedPayload``.
    public static func decode(_ payload: [UInt8], header: ExchangeHeader) throws -> DeviceCard {
        try decodingPayload {
            var r = ByteReader(payload)
            let name = try r.string()
            let major = try r.byte(), minor = try r.byte()
            let createdAt = try r.varint()
            try checkPayloadEnd(r, header: header)
            return DeviceCard(device: header.device, name: name, formatMajor: major, formatMinor: minor, createdAt: createdAt)
        }
    }
}
