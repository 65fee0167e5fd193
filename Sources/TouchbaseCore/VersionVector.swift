/// `device -> highest sequence number applied`: the exact set of Changes a replica has, given that
/// every device's Changes are applied in order without gaps.
public struct VersionVector: Hashable, Sendable, CustomStringConvertible {
    /// The entries; a device that is absent counts as 0.
    public private(set) var entries: [DeviceID: UInt64]

    /// The empty vector: nothing applied.
    public init() { entries = [:] }

    /// A vector with the given entries (zero entries are dropped).
    public init(_ entries: [DeviceID: UInt64]) {
        self.entries = entries.filter { $0.value > 0 }
    }

    /// The highest sequence number of `device` covered, 0 if none.
    public subscript(device: DeviceID) -> UInt64 {
        get { entries[device] ?? 0 }
        set { entries[device] = newValue == 0 ? nil : newValue }
    }

    /// Whether the Change at `dot` is covered.
    public func contains(_ dot: Dot) -> Bool { self[dot.device] >= dot.seq }

    /// Whether every Change covered by `other` is covered here.
    public func covers(_ other: VersionVector) -> Bool {
        other.entries.allSatisfy { self[$0.key] >= $0.value }
    }

    /// The entry-wise maximum.
    public func merged(with other: VersionVector) -> VersionVector {
        var out = self
        out.formUnion(other)
        return out
    }

    /// Raises each entry to the maximum of both.
    public mutating func formUnion(_ other: VersionVector) {
        for (d, s) in other.entries where s > self[d] { self[d] = s }
    }

    /// Devices sorted by id, with their entries: the canonical order for encoding and display.
    public var sorted: [(device: DeviceID, seq: UInt64)] {
        entries.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    public var description: String {
        "{" + sorted.map { "\($0.device.hex.prefix(8)):\($0.seq)" }.joined(separator: ", ") + "}"
    }
}
