/// A hybrid logical clock timestamp (Kulkarni et al.): 48 bits of wall-clock milliseconds since
/// 1970 and a 16-bit logical counter, packed into one `UInt64` that sorts like the pair.
public struct HLC: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The packed value: `milliseconds << 16 | counter`.
    public var raw: UInt64

    /// Wraps a packed value.
    public init(raw: UInt64) { self.raw = raw }

    /// Packs milliseconds and a counter.
    public init(milliseconds: UInt64, counter: UInt16) {
        raw = (milliseconds & 0xFFFF_FFFF_FFFF) << 16 | UInt64(counter)
    }

    /// Wall-clock milliseconds since 1970-01-01T00:00:00Z.
    public var milliseconds: UInt64 { raw >> 16 }
    /// The logical counter that orders events within one millisecond.
    public var counter: UInt16 { UInt16(truncatingIfNeeded: raw) }

    /// The zero timestamp, before every real one.
    public static let zero = HLC(raw: 0)

    public var description: String { "\(milliseconds).\(counter)" }
    public static func < (lhs: HLC, rhs: HLC) -> Bool { lhs.raw < rhs.raw }
}
