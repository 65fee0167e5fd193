import Foundation
import GRDB
import TouchbaseCore

/// One field put as a raw upsert: the row id, the column, and the value already converted to
/// what the Store keeps in that column (conversion is done before timing: the baseline is the
/// database's cost alone).
struct RawPut {
    var column: Int
    var id: Data
    var value: DatabaseValue
}

/// The floor the Store is compared with: plain GRDB upserts into a table with the same columns
/// and indexes as the Store's `contact` table, on a database configured exactly like the Store's
/// (the same GRDB `Configuration`: WAL, `PRAGMA synchronous = FULL` in `prepareDatabase`, a file on
/// disk).
///
/// Note: GRDB 7's `DatabaseQueue` runs `prepareDatabase` first and then its WAL set-up, which sets
/// `PRAGMA synchronous = NORMAL`; so this configuration (the Store's) ends up at NORMAL.
/// `reallyFull` sets FULL again after opening, to show what a durable commit costs.
final class RawContactTable {
    let queue: DatabaseQueue
    /// The contact fields that have a column, in schema order.
    static let columns: [(name: String, type: FieldType)] =
        Schema.contact.fields.filter { $0.name != Merger.deletedField }
    static let columnIndex: [String: Int] =
        Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($0.element.name, $0.offset) })

    init(path: String, reallyFull: Bool = false) throws {
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.journalMode = .wal
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        queue = try DatabaseQueue(path: path, configuration: config)
        if reallyFull {
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        }
        try queue.write { db in
            var cols = ["id BLOB PRIMARY KEY NOT NULL"]
            for (name, type) in Self.columns { cols.append("\"\(name)\" \(Self.sqlType(type))") }
            cols.append("deleted INTEGER NOT NULL DEFAULT 0")
            cols.append("survivor BLOB")
            try db.execute(sql: """
                CREATE TABLE contact (\(cols.joined(separator: ", "))) WITHOUT ROWID;
                CREATE INDEX contactName ON contact(name COLLATE NOCASE);
                CREATE INDEX contactSurvivor ON contact(survivor) WHERE survivor IS NOT NULL;
                CREATE INDEX contactStage ON contact(stage);
                """)
        }
    }

    /// The connection's `PRAGMA synchronous`, as a name.
    var synchronous: String {
        get throws { try queue.read { db in try synchronousName(db) } }
    }

    static func sqlType(_ type: FieldType) -> String {
        switch type {
        case .text, .choice, .date, .texts, .refs: return "TEXT"
        case .int, .bool: return "INTEGER"
        case .ref: return "BLOB"
        }
    }

    /// The column value of a put, converted as the Store converts it (lists as JSON arrays).
    static func column(_ value: Value) -> DatabaseValue {
        switch value {
        case .null, .unknown: return .null
        case .bool(let b): return (b ? 1 : 0).databaseValue
        case .int(let i): return i.databaseValue
        case .text(let s): return s.databaseValue
        case .date(let d): return d.description.databaseValue
        case .ref(let id): return Data(id.raw.bytes).databaseValue
        case .texts(let list): return json(list).databaseValue
        case .refs(let ids): return json(ids.map(\.hex)).databaseValue
        }
    }

    static func json(_ list: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(list), as: UTF8.self)) ?? "[]"
    }

    /// The contact puts of some Changes, as raw upserts.
    static func puts(of changes: [Change]) -> [RawPut] {
        var out: [RawPut] = []
        for c in changes {
            for op in c.ops where op.entity == "contact" {
                guard let i = columnIndex[op.field] else { continue }
                out.append(RawPut(column: i, id: Data(op.record.raw.bytes), value: column(op.value)))
            }
        }
        return out
    }

    static func puts(of ops: [Op]) -> [RawPut] {
        puts(of: [Change(device: DeviceID(ID128(high: 0, low: 1)), seq: 1, hlc: .zero, deps: VersionVector(), ops: ops)])
    }

    private static func upsertSQL(_ column: Int) -> String {
        let name = columns[column].name
        return "INSERT INTO contact (id, \"\(name)\") VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET \"\(name)\" = excluded.\"\(name)\""
    }

    /// Every put as one upsert statement (cached per column), all in one IMMEDIATE transaction.
    func upsertAll(_ puts: [RawPut]) throws {
        try queue.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                var statements: [Statement?] = Array(repeating: nil, count: Self.columns.count)
                for p in puts {
                    let statement: Statement
                    if let s = statements[p.column] {
                        statement = s
                    } else {
                        statement = try db.cachedStatement(sql: Self.upsertSQL(p.column))
                        statements[p.column] = statement
                    }
                    try statement.execute(arguments: [p.id, p.value])
                }
                return .commit
            }
        }
    }

    /// One put in its own IMMEDIATE transaction.
    func upsertOne(_ p: RawPut) throws {
        try queue.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try db.cachedStatement(sql: Self.upsertSQL(p.column)).execute(arguments: [p.id, p.value])
                return .commit
            }
        }
    }
}

/// `PRAGMA synchronous` of a connection, as a name.
func synchronousName(_ db: Database) throws -> String {
    let n = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
    return ["OFF", "NORMAL", "FULL", "EXTRA"].indices.contains(n) ? ["OFF", "NORMAL", "FULL", "EXTRA"][n] : "\(n)"
}
