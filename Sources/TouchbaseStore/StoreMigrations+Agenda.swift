import Foundation
import GRDB
import TouchbaseCore

extension StoreMigrations {
    /// Migration `agenda-v1-hub-stage-imports`: a hub's stage (on the wishlist like a person), the
    /// values last imported per contact and source (`imported`), and job changes (`jobChange`),
    /// each filled from the registers a previous version kept for them.
    ///
    /// A device on a version without them still merges and keeps their Changes (unknown fields and
    /// entities live in the register table and the log, Protocol/SPEC.md §13); once it upgrades,
    /// this migration shows them as a device that always knew them does.
    static func addAgendaRecords(_ db: Database) throws {
        let hubColumns = try Row.fetchAll(db, sql: "PRAGMA table_info(hub)").map { $0["name"] as String }
        if !hubColumns.contains("stage") { try db.execute(sql: "ALTER TABLE hub ADD COLUMN stage TEXT") }
        for entity in [Schema.imported, Schema.jobChange] {
            try db.execute(sql: createTableSQL(entity, excluding: []))
        }
        try db.execute(sql: "CREATE INDEX jobChangeDate ON jobChange(date)")
        try fillFromRegisters(Schema.imported, db)
        try fillFromRegisters(Schema.jobChange, db)
        try fillFromRegisters(Schema.hub, only: ["stage"], db)
    }

    /// Writes the displayed value of the known fields (or of `only` these) of every record of
    /// `schema` the register table holds, creating rows a new table lacks, then refreshes their
    /// deleted status and conflicts.
    static func fillFromRegisters(_ schema: EntitySchema, only: Set<String>? = nil, _ db: Database) throws {
        var session = try WriteSession(db)
        session.legacyRegisters = try db.tableExists("register")
        let table = quoted(schema.name)
        let ids = try session.recordsWithRegisters(of: schema.name, fields: only)
        var keys = Set<RecordKey>()
        for id in ids {
            let key = RecordKey(entity: schema.name, record: id)
            if only == nil { try db.execute(sql: "INSERT OR IGNORE INTO \(table) (id) VALUES (?)", arguments: [id]) }
            for (field, register) in try session.registers(of: key) where field != Merger.deletedField && (only?.contains(field) ?? true) {
                guard let type = schema.type(of: field) else { continue }
                try db.execute(sql: "UPDATE \(table) SET \(quoted(field)) = ? WHERE id = ?",
                               arguments: [ColumnCoding.column(register.value, as: type), id])
            }
            keys.insert(key)
        }
        try session.refreshStatus(of: keys)
    }
}
