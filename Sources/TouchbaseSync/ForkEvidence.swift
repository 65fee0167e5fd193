import TouchbaseCore

/// Evidence that one device id has two histories: a database was copied (or restored from a backup)
/// and both copies made Changes under the same id (Protocol/SPEC.md §3.6). A sync that finds it
/// stops applying the history it met later, and whatever depends on it, and reports it.
public struct ForkEvidence: Hashable, Sendable {
    /// How the two histories showed.
    public enum Kind: String, Hashable, Sendable {
        /// A file holds a Change `(device, seq)` this database applied with other content.
        case contentDiffers
        /// A Change does not continue the device's Change before it as this database applied it
        /// (its link names another Change, or it has none where the chain had begun).
        case chainBreak
        /// Another device's Change was made on a Change `(device, seq)` other than the one this
        /// database applied (its dependency digest differs).
        case dependsOnOtherHistory
    }

    /// The device id with two histories.
    public var device: DeviceID
    /// The histories differ at this sequence number of ``device`` or before it (exactly at it for
    /// ``Kind/contentDiffers``).
    public var seq: UInt64
    /// How it showed.
    public var kind: Kind
    /// The file that showed it, relative to the shared folder.
    public var file: String
    /// For ``Kind/dependsOnOtherHistory``: the Change that depends on the other history.
    public var dependent: Dot?

    /// Creates evidence.
    public init(device: DeviceID, seq: UInt64, kind: Kind, file: String, dependent: Dot? = nil) {
        self.device = device
        self.seq = seq
        self.kind = kind
        self.file = file
        self.dependent = dependent
    }
}
