import TouchbaseCore

/// One healed fork (Protocol/SPEC.md §3.6, "Healing"): two Changes, as signed, continue one
/// Change (the same `prev`, or none at sequence number 1); the one with the larger digest, the
/// *renamed head* signed as `(device, seq)` with digest ``renamed``, starts the derived id
/// ``derived``, and the history after it lives on there.
///
/// Every device that has seen both Changes derives the same heal, without coordination and in
/// whatever order it meets the forks of one line; nothing in it comes from anyone's word but the
/// two signed Changes.
public struct ForkHeal: Hashable, Sendable {
    /// The device id the renamed head was signed under.
    public var device: DeviceID
    /// The sequence number the renamed head was signed under (the fork point).
    public var seq: UInt64
    /// The digest of the renamed head, as signed.
    public var renamed: [UInt8]
    /// Its `prev`: the digest of the Change both histories continue (empty when none).
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

    /// The heal that renames `head` (as signed, with digest `digest`): it has the larger digest of
    /// two Changes that continue one Change.
    public init(head: Change, digest: [UInt8]) {
        self.init(device: head.device, seq: head.seq, renamed: digest, base: head.prev ?? [])
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
