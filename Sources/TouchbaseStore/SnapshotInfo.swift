import TouchbaseCore

/// What a snapshot says besides its records (Protocol/SPEC.md §7.6): the Changes it covers, the
/// clock it was written at, and the digest of each device's last covered Change.
public struct SnapshotInfo: Hashable, Sendable {
    /// Every Change the snapshot includes.
    public var covers: VersionVector
    /// The writer's clock: a reader's clock advances past it (bounded, §13).
    public var clock: HLC
    /// For each covered device, the digest of its last covered Change (32 zero bytes: unknown).
    public var heads: [DeviceID: [UInt8]]

    /// Creates the description of a snapshot.
    public init(covers: VersionVector, clock: HLC, heads: [DeviceID: [UInt8]]) {
        self.covers = covers
        self.clock = clock
        self.heads = heads
    }
}
