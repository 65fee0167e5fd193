import TouchbaseCore

/// Where this device stands with its other devices, as far as its database knows: what a Sync
/// screen shows between syncs. (What the folder holds now is only learned by syncing.)
public struct SyncStatus: Hashable, Sendable {
    /// The shared folder's path, `nil` before one is chosen.
    public var folderPath: String?
    /// What this database has applied: each device's Changes, its own included.
    public var applied: VersionVector
    /// How many other devices this database knows of.
    public var otherDevices: Int
    /// When a file of another device was last seen in the folder (milliseconds since 1970), `nil`
    /// before any was.
    public var lastSeen: UInt64?
    /// This device's own Changes that at least one known other device has not acknowledged yet
    /// (0 when there is no other device).
    public var unacknowledged: UInt64
    /// How many conflicts are open.
    public var openConflicts: Int

    /// Creates a status value.
    public init(folderPath: String?, applied: VersionVector, otherDevices: Int, lastSeen: UInt64?,
                unacknowledged: UInt64, openConflicts: Int) {
        self.folderPath = folderPath
        self.applied = applied
        self.otherDevices = otherDevices
        self.lastSeen = lastSeen
        self.unacknowledged = unacknowledged
        self.openConflicts = openConflicts
    }
}
