/// One local transaction: `(device, seq, hlc, deps, ops)`.
///
/// `deps` is the version vector of the *other* devices at the time of the change; together with the
/// device's own previous Changes (`1 ..< seq`) it is the Change's exact causal past.
public struct Change: Hashable, Sendable {
    /// The device that made it.
    public var device: DeviceID
    /// Its sequence number on that device: 1, 2, 3 … without gaps.
    public var seq: UInt64
    /// Its hybrid logical clock stamp.
    public var hlc: HLC
    /// The other devices' Changes applied when it was made (the entry for `device` itself is ignored).
    public var deps: VersionVector
    /// The puts, in order; a later put of the same field in one Change replaces an earlier one.
    public var ops: [Op]

    /// Creates a Change; any entry of `deps` for `device` itself is dropped.
    public init(device: DeviceID, seq: UInt64, hlc: HLC, deps: VersionVector, ops: [Op]) {
        self.device = device
        self.seq = seq
        self.hlc = hlc
        var d = deps
        d[device] = 0
        self.deps = d
        self.ops = ops
    }

    /// The Change's place in history.
    public var dot: Dot { Dot(device: device, seq: seq) }

    /// The exact causal past: `deps` plus this device's earlier Changes.
    public var causalPast: VersionVector {
        var v = deps
        v[device] = seq > 0 ? seq - 1 : 0
        return v
    }

    /// Whether the Change at `dot` happened before this one (is in its causal past).
    public func happenedAfter(_ other: Dot) -> Bool {
        other.device == device ? other.seq < seq : deps[other.device] >= other.seq
    }
}
