/// The identity of one database: 128 random bits minted at `init`, never reused.
public struct DeviceID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 128 bits.
    public var raw: ID128

    /// Wraps 128 bits.
    public init(_ raw: ID128) { self.raw = raw }

    /// Parses 32 hexadecimal digits.
    public init?(hex: String) {
        guard let raw = ID128(hex: hex) else { return nil }
        self.raw = raw
    }

    /// A random device id.
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> DeviceID {
        DeviceID(.random(using: &generator))
    }

    /// 32 lowercase hexadecimal digits.
    public var hex: String { raw.hex }
    public var description: String { raw.hex }
    public static func < (lhs: DeviceID, rhs: DeviceID) -> Bool { lhs.raw < rhs.raw }
}
