import TouchbaseCore

/// One healed fork (Protocol/SPEC.md §3.6, "Healing"): device ``device`` has two histories that
/// differ first at ``seq``; the one whose Change `(device, seq)` has the larger digest,
/// ``renamed``, lives on under the derived id ``derived``, and the other keeps ``device``.
///
/// Every device that has seen both Changes `(device, seq)` derives the same heal, without
/// coordination; nothing in it comes from anyone's word but the two signed Changes.
public struct ForkHeal: Hashable, Sendable {
    /// The device id with two histories.
    public var device: DeviceID
    /// The fork point: the first sequence number at which the histories differ.
    public var seq: UInt64
    /// The digest of the renamed history's Change `(device, seq)`.
    public var renamed: [UInt8]
    /// The digest of the Change `(device, seq − 1)` both histories share (empty when ``seq`` is 1).
    public var base: [UInt8]
    /// The id the renamed history lives on under.
    public var derived: DeviceID

    /// Creates the heal of a fork at `seq` between two Changes `(device, seq)` with digests `a` and
    /// `b` (in either order): the larger digest is renamed.
    public init(device: DeviceID, seq: UInt64, digests a: [UInt8], _ b: [UInt8], base: [UInt8]) {
        self.device = device
        self.seq = seq
        renamed = a.lexicographicallyPrecedes(b) ? b : a
        self.base = seq > 1 ? base : []
        derived = ForkHeal.derivedID(device: device, seq: seq, digest: renamed)
    }

    /// Restores a stored heal.
    public init(device: DeviceID, seq: UInt64, renamed: [UInt8], base: [UInt8]) {
        self.device = device
        self.seq = seq
        self.renamed = renamed
        self.base = base
        derived = ForkHeal.derivedID(device: device, seq: seq, digest: renamed)
    }

    /// The renamed history's id: the first 16 bytes of SHA-256(`"touchbase:fork"` ‖ 0x00 ‖
    /// device (16) ‖ seq (u64, big-endian) ‖ digest (32)).
    public static func derivedID(device: DeviceID, seq: UInt64, digest: [UInt8]) -> DeviceID {
        var bytes = Array("touchbase:fork".utf8) + [0]
        bytes += device.raw.bytes
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: seq >> UInt64(shift))) }
        bytes += digest
        return DeviceID(ID128(bytes: Array(SHA256Digest.hash(bytes).prefix(16)))!)
    }

    /// Whether the Change `(device, seq)` with digest `digest` keeps the id (the smaller digest).
    public static func keeps(_ digest: [UInt8], against other: [UInt8]) -> Bool {
        digest.lexicographicallyPrecedes(other)
    }
}
