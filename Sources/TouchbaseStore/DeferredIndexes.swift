import Foundation
import GRDB
import TouchbaseCore

/// The secondary indexes, search-note triggers and derived-table triggers of the entity tables, set
/// aside while a snapshot fills empty tables and made again once from the loaded rows (one sort per
/// index instead of one B-tree insert per row and index, one search note per table instead of one
/// per row, and one pass that fills each ``ContactLatest`` table instead of one upsert per row).
///
/// Used inside the load's write transaction: dropping and creating them again is part of it, so
/// a load killed or failing half way leaves the schema as it was.
struct DeferredIndexes {
    /// The indexes set aside, with the SQL that made them.
    private var indexes: [(name: String, sql: String)] = []
    /// The search-note insert triggers set aside, with their SQL and the table they note.
    private var triggers: [(name: String, sql: String, entity: String)] = []
    /// The triggers of the ``ContactLatest`` tables set aside, with their SQL.
    private var derived: [(name: String, sql: String)] = []

    /// Drops the secondary indexes of every known entity's table, and the triggers that note
    /// inserted rows for the search index; ``restore(_:)`` makes them again.
    static func setAside(_ db: Database) throws -> DeferredIndexes {
        var deferred = DeferredIndexes()
        let tables = Set(Schema.all.map(\.name))
        // `sql IS NULL` are the indexes of PRIMARY KEY and UNIQUE constraints, which stay.
        for row in try Row.fetchAll(db, sql: "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        where tables.contains(row["tbl_name"]) {
            deferred.indexes.append((row["name"], row["sql"]))
        }
        let insertTriggers = Dictionary(uniqueKeysWithValues: SearchIndex.sources.map { (SearchIndex.insertTrigger($0.entity), $0.entity) })
        let derivedTriggers = Set(ContactLatest.all.flatMap(\.triggerNames))
        for row in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL ORDER BY name") {
            let name: String = row["name"]
            if let entity = insertTriggers[name] {
                deferred.triggers.append((name, row["sql"], entity))
            } else if derivedTriggers.contains(name) {
                deferred.derived.append((name, row["sql"]))
            }
        }
        for index in deferred.indexes { try db.execute(sql: "DROP INDEX \(StoreMigrations.quoted(index.name))") }
        for trigger in deferred.triggers.map(\.name) + deferred.derived.map(\.name) {
            try db.execute(sql: "DROP TRIGGER \(StoreMigrations.quoted(trigger))")
        }
        return deferred
    }

    /// The helper threads a sort that makes an index may use: one fewer than the processors.
    static var sortThreads: Int { max(0, min(4, ProcessInfo.processInfo.activeProcessorCount - 1)) }

    /// Makes the indexes and triggers again, and notes every row the triggers would have noted
    /// (one whole-table note per table, expanded by the next search).
    func restore(_ db: Database) throws {
        // Each index is one sort of its table's rows; SQLite may share a large sort with helper
        // threads, which this connection allows while it makes them.
        let threads = try Int.fetchOne(db, sql: "PRAGMA threads") ?? 0
        try db.execute(sql: "PRAGMA threads = \(DeferredIndexes.sortThreads)")
        defer { try? db.execute(sql: "PRAGMA threads = \(threads)") }
        for index in indexes { try db.execute(sql: index.sql) }
        for trigger in triggers {
            try db.execute(sql: trigger.sql)
            try SearchIndex.noteWholeTable(trigger.entity, db)
        }
        guard !derived.isEmpty else { return }
        for trigger in derived { try db.execute(sql: trigger.sql) }
        for table in ContactLatest.all { try table.rebuild(db) }
    }
}
