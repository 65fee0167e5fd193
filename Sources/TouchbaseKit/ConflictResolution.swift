/// How to resolve an open conflict: the client's choice, as typed input.
///
/// A resolution is an ordinary edit made after seeing every competing value, so it syncs like any
/// edit and ends the conflict on every device.
public enum ConflictResolution: Hashable, Sendable {
    /// Field conflict: keep one of the competing values (its index in ``OpenConflict/values``).
    case keep(Int)
    /// Field conflict: set a new value instead.
    case value(Value)
    /// Delete-vs-edit: keep the record.
    case restore
    /// Delete-vs-edit: delete it after all.
    case delete
    /// Merge-vs-edit: merge again, carrying the duplicate's edited fields into the survivor.
    case merge
    /// Merge-vs-edit: undo the merge, keeping both records.
    case unmerge
    /// Merge cycle: the member that survives (one of ``OpenConflict/cycle``); the others merge into it.
    case survivor(RecordID)

    /// Whether this resolution applies to a conflict of `kind`.
    public func fits(_ kind: ConflictKind) -> Bool {
        switch (self, kind) {
        case (.keep, .field), (.value, .field), (.restore, .deleteVsEdit), (.delete, .deleteVsEdit),
             (.merge, .mergeVsEdit), (.unmerge, .mergeVsEdit), (.survivor, .mergeCycle):
            return true
        default:
            return false
        }
    }
}
