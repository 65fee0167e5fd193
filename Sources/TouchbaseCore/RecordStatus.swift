/// What a record's `deleted` and `mergedInto` registers mean together with its other fields and the
/// records that show under it (Protocol/SPEC.md §13).
public struct RecordStatus: Hashable, Sendable {
    /// Whether the record is hidden as deleted.
    public var deleted: Bool
    /// Fields of the record edited concurrently with (or after) its delete, which keep it visible.
    public var editedDuringDelete: [String]
    /// Other records that show under this one (merged duplicates, interactions) edited concurrently
    /// with (or after) its delete, which keep it visible; sorted.
    public var editedLinks: [RecordKey]
    /// For a merged duplicate: its fields edited concurrently with (or after) the merge, which its
    /// survivor does not show.
    public var editedDuringMerge: [String]

    /// Creates a status.
    public init(deleted: Bool, editedDuringDelete: [String], editedLinks: [RecordKey] = [], editedDuringMerge: [String] = []) {
        self.deleted = deleted
        self.editedDuringDelete = editedDuringDelete
        self.editedLinks = editedLinks
        self.editedDuringMerge = editedDuringMerge
    }

    /// Whether a delete-vs-edit conflict is open.
    public var hasDeleteConflict: Bool { !editedDuringDelete.isEmpty || !editedLinks.isEmpty }

    /// Whether a merge-vs-edit conflict is open.
    public var hasMergeConflict: Bool { !editedDuringMerge.isEmpty }
}
