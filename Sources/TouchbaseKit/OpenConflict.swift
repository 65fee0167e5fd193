/// An open conflict, as a client shows it: resolved by ``Workspace/resolve(_:with:)``.
///
/// Conflicts come in a canonical order; ``number`` is the position in it, the same on every device
/// that applied the same changes, but it shifts when an earlier one is resolved. ``handle`` does not.
public struct OpenConflict: Hashable, Sendable, Identifiable {
    /// Its position in the list of open conflicts, from 1.
    public var number: Int
    /// Its stable handle: six typeable characters starting with a letter, derived from the record,
    /// the field, the kind and the dots of the competing values, so the same on every device and
    /// unchanged when other conflicts are resolved.
    public var handle: String = ""
    /// What kind of disagreement it is.
    public var kind: ConflictKind
    /// The record concerned (for a merge cycle: the one shown for the cycle).
    public var record: ConflictRecord
    /// The field in conflict (`deleted` for delete-vs-edit, `mergedInto` for a cycle or merge-vs-edit).
    public var field: String
    /// The competing values, the one shown first.
    public var values: [ConflictValue]
    /// Delete-vs-edit and merge-vs-edit: the record's own fields edited at the same time.
    public var editedFields: [String]
    /// Delete-vs-edit: the other records showing under this one that were edited at the same time.
    /// Merge-vs-edit: the survivor.
    public var links: [ConflictRecord]
    /// Merge cycle: its members, sorted by id.
    public var cycle: [ConflictRecord]

    /// What identifies a conflict across reads: its record, field and kind.
    public struct ID: Hashable, Sendable {
        /// The record.
        public var record: RecordKey
        /// The field.
        public var field: String
        /// The kind.
        public var kind: ConflictKind
    }

    /// Its identity (stable while it stays open).
    public var id: ID { ID(record: record.key, field: field, kind: kind) }

    /// Merge cycle: the member whose id starts with `text` or whose name is `text`, ignoring case
    /// and accents (``ContactMatcher/fold(_:)``).
    public func cycleMember(matching text: String) -> ConflictRecord? {
        let wanted = text.lowercased(), folded = ContactMatcher.fold(text)
        return cycle.first { $0.key.record.hex.hasPrefix(wanted) || ContactMatcher.fold($0.name) == folded }
    }

    /// Merge-vs-edit: the record the duplicate was merged into.
    public var survivor: ConflictRecord? { kind == .mergeVsEdit ? links.first : nil }
}
