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
        for op in change.ops {
            var register = try storage.register(op.key)
            if register.put(op.value, by: change) {
                try storage.setRegister(register, for: op.key)
                touched[op.key.recordKey, default: []].insert(op.field)
            }
        }
        return touched
    }

    /// Whether a record is deleted, and which edits keep it visible against a delete.
    ///
    /// A record is deleted when its displayed `deleted` value is `true` and every value of its other
    /// fields lies in the causal past of some surviving `deleted = true` put. A value outside all of
    /// them was written concurrently with the delete (or after it): the record stays visible and the
    /// fields are reported as a delete-vs-edit conflict.
    public static func status<S: RegisterStorage>(of record: RecordKey, in storage: inout S) throws -> RecordStatus {
        let deleted = try storage.register(FieldKey(entity: record.entity, record: record.record, field: deletedField))
        guard deleted.value == .bool(true) else { return RecordStatus(deleted: false, editedDuringDelete: []) }
        var deletes: [(Dot, VersionVector)] = []
        for v in deleted.values where v.value == .bool(true) {
            var past = try storage.causalPast(of: v.dot) ?? VersionVector()
            past[v.dot.device] = max(past[v.dot.device], v.dot.seq)  // a delete covers its own change's puts
            deletes.append((v.dot, past))
        }
        var escaping: [String] = []
        for (field, register) in try storage.registers(of: record) where field != deletedField {
            let covered = register.values.allSatisfy { v in deletes.contains { $0.1.contains(v.dot) } }
            if !covered { escaping.append(field) }
        }
        escaping.sort()
        return RecordStatus(deleted: escaping.isEmpty, editedDuringDelete: escaping)
    }
}
