/// What a record's `deleted` register and its other fields mean together.
public struct RecordStatus: Hashable, Sendable {
    /// Whether the record is hidden as deleted.
    public var deleted: Bool
    /// Fields edited concurrently with (or after) a delete, which keep the record visible: a
    /// delete-vs-edit conflict when not empty.
    public var editedDuringDelete: [String]

    /// Creates a status.
    public init(deleted: Bool, editedDuringDelete: [String]) {
        self.deleted = deleted
        self.editedDuringDelete = editedDuringDelete
    }

    /// Whether a delete-vs-edit conflict is open.
    public var hasDeleteConflict: Bool { !editedDuringDelete.isEmpty }
}
