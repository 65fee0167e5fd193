import TouchbaseCore

/// What garbage collection saw and did in one sync (Protocol/SPEC.md §3.7).
public struct GarbageReport: Hashable, Sendable {
    /// This device's own files removed in this sync (changes files, relays, older snapshots),
    /// relative to the shared folder.
    public var removed: [String] = []
    /// Active devices whose acknowledgement holds removals back: they have not acknowledged every
    /// own Change that this device's snapshot covers. Retired devices are never listed.
    public var awaiting: [DeviceID] = []
    /// This device's own Changes up to this sequence number need no file in the folder any more
    /// (a snapshot of its own holds them and every active device acknowledged them); 0 for none.
    public var horizon: UInt64 = 0
    /// Entries of the local change log compacted in this sync (a snapshot of this device's own holds
    /// them and every active device acknowledged them).
    public var compacted = 0
    /// Set when this device found itself retired and made itself active again.
    public var cameBack = false
    /// Ids this database re-keyed away from, retired in this sync (nobody waits for them any more).
    public var retiredOldIDs: [DeviceID] = []
    /// Set when this device re-seeded from a snapshot because it lacked Changes that no file in the
    /// folder holds any more: the snapshot it started from.
    public var reseededFrom: String?

    /// An empty report.
    public init() {}
}
