import TouchbaseCore
import TouchbaseExchange

/// What one sync did, for the summary line and `--json`.
public struct SyncReport: Sendable {
    /// Changes imported, by device.
    public var imported: [DeviceID: Int] = [:]
    /// Changes published by this device in this sync.
    public var published = 0
    /// Of those, Changes published again because no intact file in the folder held them any more
    /// (lost, damaged, or a new folder).
    public var republished = 0
    /// The first file they went to.
    public var publishedFile: String?
    /// Changes held back at the gates: waiting Change → the first missing Change of each device it needs.
    public var waiting: [Dot: [Dot]] = [:]
    /// Conflicts open after the sync that were not open before.
    public var newConflicts = 0
    /// Conflicts open after the sync.
    public var openConflicts = 0
    /// Files that failed verification: still arriving or damaged; retried next time, never deleted.
    public var damaged: [(path: String, reason: String)] = []
    /// Files of a newer format: left alone.
    public var newerFormat: [String] = []
    /// Names that are not Touchbase files (conflict copies, temporaries, …): ignored, never deleted.
    public var ignored: [IgnoredEntry] = []
    /// Other devices' Changes held back because they build on a Change of this device id that this
    /// database lacks or holds differently (see ``identityClash``); they apply after the re-key.
    public var heldByClash: [Dot] = []
    /// Changes delivered again (already applied).
    public var duplicates = 0
    /// Set when this database's device id published Changes it does not have (a copy or an old
    /// backup): publishing was refused; `touchbase device rekey` fixes it.
    public var identityClash: IdentityClash?

    /// An empty report.
    public init() {}

    /// Total Changes imported.
    public var importedTotal: Int { imported.values.reduce(0, +) }
}

/// Evidence that another database publishes under this device id.
public struct IdentityClash: Hashable, Sendable {
    /// The first sequence number of this device id whose published Change differs from (or is
    /// missing in) the local log.
    public var firstDivergent: UInt64
    /// The file that shows it.
    public var file: String
}
