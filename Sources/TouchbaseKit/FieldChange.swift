import TouchbaseCore

/// What one put of a change did to a field of a contact or hub.
public enum FieldChange: Hashable, Sendable {
    /// The field was set to a value.
    case set(field: String, value: Value)
    /// The field was cleared.
    case cleared(field: String)
    /// The record was deleted.
    case deleted
    /// The record was restored.
    case restored
    /// The record was merged into another (a duplicate into the one that stays).
    case mergedInto(RecordID)
    /// A merge was undone (or a merge cycle broken here).
    case unmerged

    /// What a put did.
    init(_ op: Op) {
        switch (op.field, op.value) {
        case (Merger.deletedField, .bool(true)): self = .deleted
        case (Merger.deletedField, _): self = .restored
        case (Merger.mergedIntoField, .ref(let id)): self = .mergedInto(id)
        case (Merger.mergedIntoField, _): self = .unmerged
        case (_, .null): self = .cleared(field: op.field)
        default: self = .set(field: op.field, value: op.value)
        }
    }
}
