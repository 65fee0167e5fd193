/// One Change's place in history: the device that made it and its sequence number there.
public struct Dot: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The device that made the Change.
    public var device: DeviceID
    /// 1, 2, 3 … per device, without gaps.
    public var seq: UInt64

    /// Creates a dot.
    public init(device: DeviceID, seq: UInt64) {
        self.device = device
        self.seq = seq
    }

    public var description: String { "\(device.hex.prefix(8))#\(seq)" }
    public static func < (lhs: Dot, rhs: Dot) -> Bool { (lhs.device, lhs.seq) < (rhs.device, rhs.seq) }
}
