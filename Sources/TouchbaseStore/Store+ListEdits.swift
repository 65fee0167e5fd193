import Foundation
import GRDB
import TouchbaseCore

/// Edits that read a record before writing it (adding to a list, merging a duplicate), done inside
/// the edit's own transaction so that a conflict is never turned into last-writer-wins
/// (Protocol/SPEC.md §13, "Multi-valued fields").
extension Store {
    /// Makes one local edit of `ops` plus additions to list fields of `record`: each list becomes
    /// its displayed items (or those `ops` puts) followed by the new ones, each once.
    ///
    /// - throws: ``StoreError/listInConflict(entity:field:)`` when a list to add to holds concurrent
    ///   values (and `ops` does not replace it); nothing is written then.
    @discardableResult
    public func commit(_ ops: [Op], adding additions: [(field: String, items: [String])], to record: RecordKey) throws -> Change? {
        try commit(ops, reading: { session in
            var out: [Op] = []
            for (field, items) in additions where !items.isEmpty {
                let key = FieldKey(entity: record.entity, record: record.record, field: field)
                let base: [String]
                if let given = ops.last(where: { $0.key == key }) {
                    base = given.value.texts ?? []
                } else {
                    let register = try session.register(key)
                    guard !register.isConflict else { throw StoreError.listInConflict(entity: record.entity, field: field) }
                    base = register.value.texts ?? []
                }
                out.append(Op(entity: record.entity, record: record.record, field: field, value: .texts(RecordOps.uniqueItems(base + items, field: field))))
            }
            return out
        })
    }

    /// Merges `duplicate` into `survivor` in one edit: reads of the duplicate lead to the survivor,
    /// whose lists become the union of every value of both records' lists and whose missing fields
    /// (and the fields in `overriding`) take the duplicate's values (``RecordOps/mergeCopies(from:into:schema:overriding:)``).
    ///
    /// - Returns: the Change and the survivor's fields that were written.
    @discardableResult
    public func merge(_ entity: String, _ duplicate: RecordID, into survivor: RecordID,
                      overriding: Set<String> = []) throws -> (change: Change?, copied: [String]) {
        guard let schema = Schema.entity(entity) else { throw StoreError.unknownField(entity: entity, field: Merger.mergedIntoField) }
        var copied: [String] = []
        let change = try commit(RecordOps.merge(entity, from: duplicate, into: survivor), reading: { session in
            let copies = RecordOps.mergeCopies(from: try session.registers(of: RecordKey(entity: entity, record: duplicate)),
                                               into: try session.registers(of: RecordKey(entity: entity, record: survivor)),
                                               schema: schema, overriding: overriding)
            copied = copies.map(\.field)
            return RecordOps.put(entity, survivor, copies.map { ($0.field, $0.value) })
        })
        return (change, copied)
    }
}
