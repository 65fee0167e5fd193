import TouchbaseCore

/// What a bulk edit changes (a preview) or changed: each contact with its changes, by name.
public struct BulkEditResult: Hashable, Sendable {
    /// One change to one contact.
    public enum Step: Hashable, Sendable {
        /// The stage goes from one to the other (`nil`: none was set).
        case stage(from: Stage?, to: Stage)
        /// The voter goes from one to the other.
        case voter(from: Voter?, to: Voter)
        /// A tag is added.
        case tagAdded(String)
        /// A tag is removed.
        case tagRemoved(String)
        /// The cadence goes from one to the other (`nil`: none).
        case cadence(from: Int?, to: Int?)
    }

    /// One contact that changes.
    public struct Change: Hashable, Sendable {
        /// The contact.
        public var id: RecordID
        /// Its name.
        public var name: String
        /// Its organisation.
        public var organization: String?
        /// What changes, in the order stage, voter, tags added, tags removed, cadence.
        public var steps: [Step]
    }

    /// The contacts that change, by name.
    public var changes: [Change]
    /// How many contacts the filter selected that already read as asked.
    public var unchanged: Int
    /// Whether the changes were written (in one edit), or only previewed.
    public var applied: Bool

    /// How many contacts the filter selected.
    public var matched: Int { changes.count + unchanged }
}
