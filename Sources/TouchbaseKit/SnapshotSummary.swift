import TouchbaseCore

/// What writing a snapshot did (``Workspace/writeSnapshot(_:)``).
public struct SnapshotSummary: Sendable, Hashable {
    /// The snapshot, relative to the shared folder.
    public var path: String
    /// The changes it covers, by device.
    public var covers: VersionVector
    /// The records it holds.
    public var records: UInt64
    /// The part files the records are in.
    public var parts: Int
    /// False when this device had already written a snapshot of exactly these changes.
    public var newlyWritten: Bool

    /// Creates a summary.
    public init(path: String, covers: VersionVector, records: UInt64, parts: Int, newlyWritten: Bool) {
        self.path = path
        self.covers = covers
        self.records = records
        self.parts = parts
        self.newlyWritten = newlyWritten
    }

    /// The number of changes covered.
    public var changes: UInt64 { covers.entries.values.reduce(0, &+) }
}
