import Foundation
import GRDB
import TouchbaseCore
import TouchbaseStore

/// Raw upserts into the Store's own entity tables (their `CREATE TABLE` and `CREATE INDEX`
/// statements copied from a fresh Store, without the Store's triggers), for lines whose Changes
/// touch several entities: one single-column `INSERT … ON CONFLICT(id) DO UPDATE` per put that has a
/// column, statements cached, one transaction, on a database configured like ``RawContactTable``.
final class RawTables {
    let queue: DatabaseQueue
    private var statements: [String: Statement] = [:]

    init(path: String, scratch: TemporaryDirectory) throws {
        let storePath = scratch.file("ddl.sqlite")
        let ddl: [String] = try {
            let store = try Store.create(at: storePath, deviceName: "ddl")
            let names = Schema.all.map { "'\($0.name)'" }.joined(separator: ", ")
            return try store.read { db in
                try String.fetchAll(db, sql: """
                    SELECT sql FROM sqlite_master WHERE type IN ('table', 'index') AND sql IS NOT NULL AND tbl_name IN (\(names))
                    ORDER BY type = 'index'
                    """)
            }
        }()
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.journalMode = .wal
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        queue = try DatabaseQueue(path: path, configuration: config)
        try queue.write { db in for sql in ddl { try db.execute(sql: sql) } }
    }

    /// The upsert of one column, `nil` for a put without a column (unknown entity or field, `deleted`).
    private func statement(_ entity: String, _ field: String, _ db: Database) throws -> Statement? {
        let key = entity + "\u{0}" + field
        if let s = statements[key] { return s }
        guard field != Merger.deletedField, Schema.entity(entity)?.type(of: field) != nil else { return nil }
        let t = "\"\(entity)\"", c = "\"\(field)\""
        let s = try db.makeStatement(sql: "INSERT INTO \(t) (id, \(c)) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET \(c) = excluded.\(c)")
        statements[key] = s
        return s
    }

    /// Upserts every put (with a column) of the Changes stored in the `change` table of the Store
    /// database at `source`, in one transaction. Decoding the Changes and converting their values
    /// is not timed; the upserts and the commit are.
    /// - Returns: the seconds of the timed part, and the number of puts upserted.
    func upsertChanges(from source: String) throws -> (seconds: Double, cells: Int) {
        var readOnly = Configuration()
        readOnly.readonly = true
        let log = try DatabaseQueue(path: source, configuration: readOnly)
        var seconds = 0.0, cells = 0
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try log.read { ldb in
                let rows = try Data.fetchCursor(ldb, sql: "SELECT data FROM change")
                var batch: [(Statement, StatementArguments)] = []
                func flush() throws {
                    seconds += try time { for (s, a) in batch { try s.execute(arguments: a) } }
                    cells += batch.count
                    batch.removeAll(keepingCapacity: true)
                }
                while let data = try rows.next() {
                    for change in try ChangeCodec.decode([UInt8](data)) {
                        for op in change.ops {
                            guard let s = try statement(op.entity, op.field, db) else { continue }
                            batch.append((s, [Data(op.record.raw.bytes), RawContactTable.column(op.value)]))
                        }
                    }
                    if batch.count >= 20_000 { try flush() }
                }
                try flush()
            }
            seconds += try time { try db.execute(sql: "COMMIT") }
        }
        return (seconds, cells)
    }
}
