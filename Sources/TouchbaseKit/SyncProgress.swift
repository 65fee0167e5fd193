/// How far a running sync has got, reported as values while it runs.
///
/// ``Workspace/sync(_:progress:)`` calls its `progress` callback with one value before reading
/// each file of another device and one when the import is done (`filesRead == filesTotal`); none
/// when there is nothing to read.
public struct SyncProgress: Sendable, Hashable {
    /// What the sync is doing.
    public enum Phase: String, Sendable, Hashable {
        /// Reading other devices' files and applying their changes.
        case importing
        /// A new device loading the newest snapshot (``SyncProgress/filesRead`` counts its parts).
        case seeding
    }

    /// What the sync is doing.
    public var phase: Phase
    /// Files read so far.
    public var filesRead: Int
    /// Files to read in this sync.
    public var filesTotal: Int

    /// Creates a progress value.
    public init(phase: Phase, filesRead: Int, filesTotal: Int) {
        self.phase = phase
        self.filesRead = filesRead
        self.filesTotal = filesTotal
    }

    /// The part done, from 0 to 1 (1 when there is nothing to read).
    public var fraction: Double { filesTotal == 0 ? 1 : Double(filesRead) / Double(filesTotal) }
}
