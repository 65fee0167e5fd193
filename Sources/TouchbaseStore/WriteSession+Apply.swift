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
            try recordInsert.execute(arguments: [Data(op.record.raw.bytes), dev, Int64(change.seq)])
        }
        try db.cachedStatement(sql: "UPDATE device SET maxSeq = ? WHERE idx = ?").execute(arguments: [Int64(change.seq), dev])
        version[change.device] = change.seq
        return try materialize(touched)
    }

    /// Writes displayed values, conflicts and deleted status of the touched records.
    private mutating func materialize(_ touched: [RecordKey: Set<String>]) throws -> Bool {
        var mergesChanged = false
        for (record, fields) in touched.sorted(by: { $0.key < $1.key }) {
            let rec = Data(record.record.raw.bytes)
            for field in fields {
                let reg = try register(FieldKey(entity: record.entity, record: record.record, field: field))
                try setConflict(reg.isConflict, record: record, field: field, kind: .field)
            }
            guard let schema = Schema.entity(record.entity) else { continue }
            let table = StoreMigrations.quoted(schema.name)
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO \(table) (id) VALUES (?)").execute(arguments: [rec])
            for field in fields.sorted() where field != Merger.deletedField {
                guard let type = schema.type(of: field) else { continue }
                let value = try register(FieldKey(entity: record.entity, record: record.record, field: field)).value
                try db.cachedStatement(sql: "UPDATE \(table) SET \(StoreMigrations.quoted(field)) = ? WHERE id = ?")
                    .execute(arguments: [ColumnCoding.column(value, as: type), rec])
                if field == Merger.mergedIntoField { mergesChanged = true }
            }
            let deletedKey = FieldKey(entity: record.entity, record: record.record, field: Merger.deletedField)
            let hasDeleted = try !register(deletedKey).isEmpty
            if fields.contains(Merger.deletedField) || hasDeleted {
                let status = try Merger.status(of: record, in: &self)
                try db.cachedStatement(sql: "UPDATE \(table) SET deleted = ? WHERE id = ?").execute(arguments: [status.deleted, rec])
                try setConflict(status.hasDeleteConflict, record: record, field: Merger.deletedField, kind: .deleteVsEdit)
            }
        }
        return mergesChanged
    }

    private func setConflict(_ open: Bool, record: RecordKey, field: String, kind: Conflict.Kind) throws {
        let args: StatementArguments = [Data(record.record.raw.bytes), record.entity, field, kind.rawValue]
        if open {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO conflict (record, entity, field, kind) VALUES (?, ?, ?, ?)").execute(arguments: args)
        } else {
            try db.cachedStatement(sql: "DELETE FROM conflict WHERE record = ? AND entity = ? AND field = ? AND kind = ?").execute(arguments: args)
        }
    }

    /// Recomputes where every merged record leads (merges are rare: this reads only merged rows).
    func recomputeSurvivors() throws {
        for schema in Schema.all where schema.type(of: Merger.mergedIntoField) != nil {
            let table = StoreMigrations.quoted(schema.name)
            var into: [RecordID: RecordID] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, mergedInto FROM \(table) WHERE mergedInto IS NOT NULL") {
                if let id = ColumnCoding.recordID(row["id"]), let target = ColumnCoding.recordID(row["mergedInto"]) { into[id] = target }
            }
            try db.execute(sql: "UPDATE \(table) SET survivor = NULL WHERE survivor IS NOT NULL")
            for id in into.keys {
                let survivor = MergeGraph.resolve(id) { into[$0] }.survivor
                guard survivor != id else { continue }
                try db.execute(sql: "UPDATE \(table) SET survivor = ? WHERE id = ?", arguments: [Data(survivor.raw.bytes), Data(id.raw.bytes)])
            }
        }
    }
}
