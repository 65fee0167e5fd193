import ArgumentParser
import TouchbaseCore
import TouchbaseStore

/// The edit that resolves a conflict: a put made after seeing every competing value.
enum ConflictResolution {
    static func ops(for c: Conflict, keep: String?, value: String?, restore: Bool, delete: Bool, survivor: String?,
                    store: Store, today: CalendarDate, unmerge: Bool = false) throws -> [Op] {
        switch c.kind {
        case .field:
            if let keep {
                let k = keep.lowercased()
                let index = Int(k).map { $0 - 1 } ?? (k.count == 1 ? Int(k.unicodeScalars.first!.value) - 97 : -1)
                guard c.values.indices.contains(index) else { throw ValidationError("--keep must be one of a…\(ConflictView.letter(c.values.count - 1)) (or 1…\(c.values.count))") }
                return [Op(entity: c.record.entity, record: c.record.record, field: c.field, value: c.values[index].value)]
            }
            guard let value else { throw ValidationError("a field conflict takes --keep or --value") }
            let v: Value
            if let schema = Schema.entity(c.record.entity), schema.type(of: c.field) != nil {
                v = try FieldInput.parse(value, field: c.field, entity: schema, today: today)
            } else {
                v = .text(value)
            }
            return [Op(entity: c.record.entity, record: c.record.record, field: c.field, value: v)]
        case .deleteVsEdit:
            guard restore || delete else { throw ValidationError("a delete-vs-edit conflict takes --restore or --delete") }
            return restore ? RecordOps.restore(c.record.entity, c.record.record) : RecordOps.delete(c.record.entity, c.record.record)
        case .mergeVsEdit:
            // `--merge` is done by the Store (it reads both records); only `--unmerge` is a plain put.
            guard unmerge else { throw ValidationError("a merge-vs-edit conflict takes --merge or --unmerge") }
            return RecordOps.unmerge(c.record.entity, c.record.record)
        case .mergeCycle:
            guard let survivor else { throw ValidationError("a merge cycle takes --survivor RECORD") }
            let chosen = try c.cycle.first { id in
                guard let r = try store.record(c.record.entity, id: id) else { return false }
                return r.id.hex.hasPrefix(survivor.lowercased()) || r.displayName.lowercased() == survivor.lowercased()
            }
            guard let chosen else { throw ValidationError("--survivor must name one of the records in the cycle") }
            var ops = RecordOps.unmerge(c.record.entity, chosen)
            for other in c.cycle where other != chosen { ops += RecordOps.merge(c.record.entity, from: other, into: chosen) }
            return ops
        }
    }
}
