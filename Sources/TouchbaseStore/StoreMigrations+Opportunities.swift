import Foundation
import GRDB
import TouchbaseCore

extension StoreMigrations {
    /// Migration `opps-v1-opportunities`: the tables of opportunities and of their links to
    /// contacts, filled from the registers a previous version kept for them.
    ///
    /// A device on a version without opportunities still merges and keeps their Changes (unknown
    /// entities live in the register table and the log, Protocol/SPEC.md); once it upgrades, this
    /// migration materializes them, so nothing another device wrote in the meantime is missing.
    static func addOpportunities(_ db: Database) throws {
        for entity in Schema.opportunityEntities {
            try db.execute(sql: createTableSQL(entity, excluding: []))
        }
        try db.execute(sql: """
            CREATE INDEX opportunityContactOpportunity ON opportunityContact(opportunity);
            CREATE INDEX opportunityContactContact ON opportunityContact(contact);
            CREATE INDEX opportunityNextStep ON opportunity(nextStepOn) WHERE nextStepOn IS NOT NULL;
            """)
        for entity in Schema.opportunityEntities { try materializeKept(entity, db) }
    }

    /// Writes the displayed value of every known field of the records of `entity` that the
    /// register table holds, then their deleted status and conflicts.
    static func materializeKept(_ schema: EntitySchema, _ db: Database) throws {
        var session = try WriteSession(db)
        session.legacyRegisters = try db.tableExists("register")
        let table = quoted(schema.name)
        let ids = try session.recordsWithRegisters(of: schema.name)
        var keys = Set<RecordKey>()
        for id in ids {
            let key = RecordKey(entity: schema.name, record: id)
            try db.execute(sql: "INSERT OR IGNORE INTO \(table) (id) VALUES (?)", arguments: [id])
            for (field, register) in try session.registers(of: key) where field != Merger.deletedField {
                guard let type = schema.type(of: field) else { continue }
                try db.execute(sql: "UPDATE \(table) SET \(quoted(field)) = ? WHERE id = ?",
                               arguments: [ColumnCoding.column(register.value, as: type), id])
            }
            keys.insert(key)
        }
        try session.refreshStatus(of: keys)
    }
}
