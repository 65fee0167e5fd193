import Foundation
import GRDB
import TouchbaseCore

extension Store {
    /// Every open conflict: field conflicts, delete-vs-edit and merge cycles, in a canonical order
    /// (the same on every device that applied the same Changes).
    public func conflicts() throws -> [Conflict] {
        try writer.read { db in
            let session = try WriteSession(db)
            var out: [Conflict] = []
            for row in try Row.fetchAll(db, sql: "SELECT record, entity, field, kind FROM conflict") {
                guard let id = ColumnCoding.recordID(row["record"]), let kind = Conflict.Kind(rawValue: row["kind"]) else { continue }
                let key = RecordKey(entity: row["entity"], record: id)
                let field: String = row["field"]
                let register = try session.register(FieldKey(entity: key.entity, record: id, field: field))
                var conflict = Conflict(kind: kind, record: key, field: field, values: register.distinctValues)
                var s = session
                switch kind {
                case .deleteVsEdit:
                    let status = try Merger.status(of: key, in: &s)
                    conflict.editedFields = status.editedDuringDelete
                    conflict.links = status.editedLinks
                case .mergeVsEdit:
                    conflict.editedFields = try Merger.status(of: key, in: &s).editedDuringMerge
                    conflict.links = [RecordKey(entity: key.entity, record: try s.survivor(of: key).survivor)]
                case .field, .mergeCycle:
                    break
                }
                out.append(conflict)
            }
            out += try mergeCycles(db, session: session)
            return out.sorted { ($0.record, $0.field, $0.kind.rawValue) < ($1.record, $1.field, $1.kind.rawValue) }
        }
    }

    private func mergeCycles(_ db: Database, session: WriteSession) throws -> [Conflict] {
        var out: [Conflict] = []
        for schema in Schema.all where schema.type(of: Merger.mergedIntoField) != nil {
            var into: [RecordID: RecordID] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, mergedInto FROM \(StoreMigrations.quoted(schema.name)) WHERE mergedInto IS NOT NULL") {
                if let id = ColumnCoding.recordID(row["id"]), let t = ColumnCoding.recordID(row["mergedInto"]) { into[id] = t }
            }
            var seen = Set<[RecordID]>()
            for id in into.keys {
                let r = MergeGraph.resolve(id) { into[$0] }
                guard !r.cycle.isEmpty, seen.insert(r.cycle).inserted else { continue }
                var values: [RegisterValue] = []
                for member in r.cycle {
                    values += try session.register(FieldKey(entity: schema.name, record: member, field: Merger.mergedIntoField)).distinctValues
                }
                out.append(Conflict(kind: .mergeCycle, record: RecordKey(entity: schema.name, record: r.survivor),
                                    field: Merger.mergedIntoField, values: values, cycle: r.cycle))
            }
        }
        return out
    }
}
