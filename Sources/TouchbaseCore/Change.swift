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
    /// The digest (``digest(hash:)``, 32 bytes) of this device's previous Change, `(device, seq − 1)`:
    /// the link of the device's hash chain (Protocol/SPEC.md §3.6). `nil` for a first Change and for
    /// Changes made before format 3.0.
    public var prev: [UInt8]?
    /// For each device in ``deps``, the digest of its Change `(device, deps[device])` as the maker
    /// had applied it: which history of each device this Change was made on (SPEC §3.6). Empty for
    /// a Change made before format 3.0 (an *unchained* Change, like one without ``prev``).
    public var depDigests: [DeviceID: [UInt8]]

    /// Creates a Change; any entry of `deps` for `device` itself is dropped, and so is any digest
    /// of a device that is not in `deps`.
    public init(device: DeviceID, seq: UInt64, hlc: HLC, deps: VersionVector, ops: [Op],
                prev: [UInt8]? = nil, depDigests: [DeviceID: [UInt8]] = [:]) {
        self.device = device
        self.seq = seq
        self.hlc = hlc
        var d = deps
        d[device] = 0
        self.deps = d
        self.ops = ops
        self.prev = prev
        self.depDigests = depDigests.isEmpty ? depDigests : depDigests.filter { d[$0.key] > 0 }
    }

    /// Whether the Change carries the links of format 3.0: a previous-Change digest or digests of
    /// its deps (a first Change without deps has none to carry and reads as unchained).
    public var isChained: Bool { prev != nil || !depDigests.isEmpty }

    /// The Change's identity in its device's hash chain: SHA-256 of its canonical encoding as a
    /// batch of its own (``ChangeCodec/encode(_:)``), which holds ``prev``, so two Changes with the
    /// same digest have the same content and the same history before them.
    ///
    /// - Parameter hash: SHA-256 (Core's own by default; the Exchange passes a faster one).
    public func digest(hash: ([UInt8]) -> [UInt8] = SHA256Digest.hash) -> [UInt8] {
        hash(ChangeCodec.encode([self]))
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
