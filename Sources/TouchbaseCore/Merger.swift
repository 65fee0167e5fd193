/// The merge rules: how a Change updates registers, and what a record's registers mean.
///
/// Merging never fails on content: a put to a record or field this version does not know is kept
/// like any other. Changes must be applied in causal order (the caller's gates ensure it).
public enum Merger {
    /// The field that marks a record deleted (`true`) or restored (`false`).
    public static let deletedField = "deleted"
    /// The field that points a merged duplicate at the record it was merged into.
    public static let mergedIntoField = "mergedInto"

    /// Applies every put of `change` to `storage`.
    ///
    /// - Returns: the fields whose registers changed, by record.
    @discardableResult
    public static func apply<S: RegisterStorage>(_ change: Change, to storage: inout S) throws -> [RecordKey: Set<String>] {
        var touched: [RecordKey: Set<String>] = [:]
        try apply(change, to: &storage, touched: &touched)
        return touched
    }

    /// ``apply(_:to:)`` adding the fields whose registers changed to `touched`, by record: a batch
    /// of Changes collects them in one dictionary instead of one per Change.
    public static func apply<S: RegisterStorage>(_ change: Change, to storage: inout S,
                                                 touched: inout [RecordKey: Set<String>]) throws {
        for op in change.ops {
            let key = op.key
            if try storage.modifyRegister(key, { $0.put(op.value, by: change) }) {
                touched[key.recordKey, default: []].insert(op.field)
            }
        }
    }

    /// Whether a record is deleted, which edits keep it visible against a delete, and which edits
    /// of a merged duplicate its survivor does not show (Protocol/SPEC.md §13).
    ///
    /// A record is deleted when its displayed `deleted` value is `true` and every value of the other
    /// fields of the record, and of every record that shows under it, is covered by some surviving
    /// `deleted = true` put (lies in its causal past or was put by the same Change). A value outside
    /// all of them was written concurrently with the delete (or after it): the record stays visible
    /// and the fields and records are reported as a delete-vs-edit conflict. Likewise a merged
    /// duplicate's fields holding a value no surviving merge (a `mergedInto` put of a `ref`) covers
    /// are reported as a merge-vs-edit conflict.
    public static func status<S: RegisterStorage>(of record: RecordKey, in storage: inout S) throws -> RecordStatus {
        var status = RecordStatus(deleted: false, editedDuringDelete: [])
        let fields = try storage.registers(of: record)
        if let merged = fields[mergedIntoField], merged.value.ref != nil, try storage.survivor(of: record).survivor != record.record {
            let merges = try covering(merged.values.filter { $0.value.ref != nil }, in: &storage)
            status.editedDuringMerge = fields.filter { field, register in
                field != deletedField && field != mergedIntoField && !isCovered(register, by: merges)
            }.keys.sorted()
        }
        guard let deleted = fields[deletedField], deleted.value == .bool(true) else { return status }
        let deletes = try covering(deleted.values.filter { $0.value == .bool(true) }, in: &storage)
        status.editedDuringDelete = fields.filter { $0.key != deletedField && !isCovered($0.value, by: deletes) }.keys.sorted()
        for other in try storage.recordsShown(under: record) {
            let edited = try storage.registers(of: other).contains { $0.key != deletedField && !isCovered($0.value, by: deletes) }
            if edited { status.editedLinks.append(other) }
        }
        status.deleted = !status.hasDeleteConflict
        return status
    }

    /// The causal pasts of `puts`, each widened to its own Change (a put covers its own Change's puts).
    private static func covering<S: RegisterStorage>(_ puts: [RegisterValue], in storage: inout S) throws -> [VersionVector] {
        try puts.map { v in
            var past = try storage.causalPast(of: v.dot) ?? VersionVector()
            past[v.dot.device] = max(past[v.dot.device], v.dot.seq)
            return past
        }
    }

    /// Whether every value of `register` lies in one of `pasts`.
    private static func isCovered(_ register: Register, by pasts: [VersionVector]) -> Bool {
        register.values.allSatisfy { v in pasts.contains { $0.contains(v.dot) } }
    }
}
