import Foundation
import GRDB
import TouchbaseCore

extension WriteSession {
    /// Applies one Change whose gates are open, logs it and updates the materialized tables, all in
    /// the caller's transaction.
    ///
    /// - Returns: whether a `mergedInto` field changed (survivors need recomputing).
    mutating func applyAndLog(_ change: Change) throws -> Bool {
        written = [:]
        let touched = try Merger.apply(change, to: &self)
        let dev = try index(of: change.device)
        try db.cachedStatement(sql: "INSERT INTO change (dev, seq, hlc, data) VALUES (?, ?, ?, ?)")
            .execute(arguments: [dev, Int64(change.seq), Int64(bitPattern: change.hlc.raw), Data(ChangeCodec.encode([change]))])
        let recordInsert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO recordChange (record, dev, seq) VALUES (?, ?, ?)")
        var seen = Set<RecordID>()
        for op in change.ops where seen.insert(op.record).inserted {
            try recordInsert.execute(arguments: [op.record, dev, Int64(change.seq)])
        }
        try db.cachedStatement(sql: "UPDATE device SET maxSeq = ? WHERE idx = ?").execute(arguments: [Int64(change.seq), dev])
        version[change.device] = change.seq
        return try materialize(touched)
    }

    /// Writes displayed values, conflicts and deleted status of the touched records, and refreshes
    /// the status of the records they show under.
    private mutating func materialize(_ touched: [RecordKey: Set<String>]) throws -> Bool {
        var mergesChanged = false
        var statusCandidates = Set<RecordKey>()
        for (record, fields) in touched.sorted(by: { $0.key < $1.key }) {
            let rec = record.record
            for field in fields {
                let reg = try register(FieldKey(entity: record.entity, record: record.record, field: field))
                try setConflict(reg.isConflict, record: record, field: field, kind: .field)
            }
            guard let schema = Schema.entity(record.entity) else { continue }
            let table = StoreMigrations.quoted(schema.name)
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO \(table) (id) VALUES (?)").execute(arguments: [rec])
            // The records a link field pointed at before this Change, and points at after it.
            for link in Schema.shownUnder where link.entity == record.entity {
                let before = try DatabaseValue.fetchOne(db.cachedStatement(sql: "SELECT \(StoreMigrations.quoted(link.field)) FROM \(table) WHERE id = ?"),
                                                        arguments: [rec])
                if let id = before.flatMap(ColumnCoding.recordID) { statusCandidates.insert(RecordKey(entity: link.target, record: id)) }
                if fields.contains(link.field),
                   let id = try register(FieldKey(entity: record.entity, record: record.record, field: link.field)).value.ref {
                    statusCandidates.insert(RecordKey(entity: link.target, record: id))
                }
            }
            for field in fields.sorted() where field != Merger.deletedField {
                guard let type = schema.type(of: field) else { continue }
                let value = try register(FieldKey(entity: record.entity, record: record.record, field: field)).value
                try db.cachedStatement(sql: "UPDATE \(table) SET \(StoreMigrations.quoted(field)) = ? WHERE id = ?")
                    .execute(arguments: [ColumnCoding.column(value, as: type), rec])
                if field == Merger.mergedIntoField { mergesChanged = true }
            }
            statusCandidates.insert(record)
        }
        try refreshStatus(of: statusCandidates)
        return mergesChanged
    }

    /// Recomputes the deleted status, delete-vs-edit and merge-vs-edit conflicts of `records` and of
    /// the records they show under (Protocol/SPEC.md §13).
    mutating func refreshStatus(of records: Set<RecordKey>) throws {
        var all = records
        for record in records {
            guard let schema = Schema.entity(record.entity), schema.type(of: Merger.mergedIntoField) != nil else { continue }
            let survivor = try DatabaseValue.fetchOne(db.cachedStatement(sql: "SELECT survivor FROM \(StoreMigrations.quoted(schema.name)) WHERE id = ?"),
                                                      arguments: [record.record])
            if let id = survivor.flatMap(ColumnCoding.recordID) { all.insert(RecordKey(entity: record.entity, record: id)) }
        }
        for record in all.sorted() {
            guard let schema = Schema.entity(record.entity) else { continue }
            let table = StoreMigrations.quoted(schema.name)
            let rec = record.record
            // A record without a row has no registers: nothing to show or hide.
            guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM \(table) WHERE id = ?"), arguments: [rec]) != nil else { continue }
            let status = try Merger.status(of: record, in: &self)
            try db.cachedStatement(sql: "UPDATE \(table) SET deleted = ? WHERE id = ? AND deleted != ?").execute(arguments: [status.deleted, rec, status.deleted])
            try setConflict(status.hasDeleteConflict, record: record, field: Merger.deletedField, kind: .deleteVsEdit)
            try setConflict(status.hasMergeConflict, record: record, field: Merger.mergedIntoField, kind: .mergeVsEdit)
            statusTouched.insert(record)
        }
    }

    private func setConflict(_ open: Bool, record: RecordKey, field: String, kind: Conflict.Kind) throws {
        let args: StatementArguments = [record.record, record.entity, field, kind.rawValue]
        if open {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO conflict (record, entity, field, kind) VALUES (?, ?, ?, ?)").execute(arguments: args)
        } else {
            try db.cachedStatement(sql: "DELETE FROM conflict WHERE record = ? AND entity = ? AND field = ? AND kind = ?").execute(arguments: args)
        }
    }

    /// Recomputes where every merged record leads (merges are rare: this reads only merged rows),
    /// then the status of every record whose survivor changed, of its old and new survivors, and of
    /// every record whose status was computed earlier in this transaction (when survivors were not
    /// final yet).
    mutating func recomputeSurvivors() throws {
        var changed = statusTouched
        for schema in Schema.all where schema.type(of: Merger.mergedIntoField) != nil {
            let table = StoreMigrations.quoted(schema.name)
            var into: [RecordID: RecordID] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, mergedInto FROM \(table) WHERE mergedInto IS NOT NULL") {
                if let id = ColumnCoding.recordID(row["id"]), let target = ColumnCoding.recordID(row["mergedInto"]) { into[id] = target }
            }
            var before: [RecordID: RecordID] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, survivor FROM \(table) WHERE survivor IS NOT NULL") {
                if let id = ColumnCoding.recordID(row["id"]), let s = ColumnCoding.recordID(row["survivor"]) { before[id] = s }
            }
            var after: [RecordID: RecordID] = [:]
            for id in into.keys {
                let survivor = MergeGraph.resolve(id) { into[$0] }.survivor
                if survivor != id { after[id] = survivor }
            }
            for id in Set(before.keys).union(after.keys) where before[id] != after[id] {
                try db.execute(sql: "UPDATE \(table) SET survivor = ? WHERE id = ?", arguments: [after[id], id])
                for r in [id, before[id], after[id]].compactMap({ $0 }) { changed.insert(RecordKey(entity: schema.name, record: r)) }
            }
        }
        try refreshStatus(of: changed)
    }
}
