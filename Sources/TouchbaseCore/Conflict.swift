/// An open conflict, shown to the user until resolved by an ordinary put that sees every value.
public struct Conflict: Hashable, Sendable {
    /// What kind of disagreement it is.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// Concurrent puts left different values in one field.
        case field
        /// A field was edited concurrently with the record's delete; the record stays visible.
        case deleteVsEdit = "delete-vs-edit"
        /// Concurrent merges made `mergedInto` pointers form a cycle.
        case mergeCycle = "merge-cycle"
        /// A merged duplicate's fields were edited concurrently with the merge; its survivor does not
        /// show them.
        case mergeVsEdit = "merge-vs-edit"
    }

    /// The kind.
    public var kind: Kind
    /// The record concerned (for a merge cycle: the survivor).
    public var record: RecordKey
    /// The field in conflict (`deleted` for delete-vs-edit, `mergedInto` for a cycle or merge-vs-edit).
    public var field: String
    /// The competing values, the displayed one first.
    public var values: [RegisterValue]
    /// For delete-vs-edit and merge-vs-edit: the record's own fields edited concurrently. Otherwise empty.
    public var editedFields: [String]
    /// For delete-vs-edit: the other records showing under this one (merged duplicates,
    /// interactions) edited concurrently with the delete, sorted. For merge-vs-edit: the survivor.
    public var links: [RecordKey]
    /// For a merge cycle: its members, sorted.
    public var cycle: [RecordID]

    /// Creates a conflict description.
    public init(kind: Kind, record: RecordKey, field: String, values: [RegisterValue], editedFields: [String] = [], cycle: [RecordID] = [],
                links: [RecordKey] = []) {
        self.kind = kind
        self.record = record
        self.field = field
        self.values = values
        self.editedFields = editedFields
        self.cycle = cycle
        self.links = links
    }
}
