import Foundation
import GRDB
import TouchbaseCore

/// The full-text index behind ``Store/search(_:limit:)``: an SQLite FTS5 table over the words
/// people write (names, organisations, notes, asks, offers, reasons, debriefs), accent- and
/// case-insensitive (`unicode61` with diacritics removed).
///
/// The index is kept lazily. Triggers on the materialized tables note which records changed in
/// `searchDirty` (one small insert, and only when a searched column changes); the next search
/// re-indexes just those records before it runs. Applying a large batch of remote Changes therefore
/// never pays for full-text indexing row by row, and the index can never drift from the tables:
/// it is derived from them, never synced.
enum SearchIndex {
    /// The columns indexed per entity: the title (weighted higher) and the body fields.
    struct Source {
        var entity: String
        var title: [String]
        var body: [String]
    }

    static let sources: [Source] = [
        Source(entity: "contact", title: ["name"], body: ["organization", "role", "location", "notes", "ask", "offer", "source"]),
        Source(entity: "hub", title: ["name"], body: ["kind", "location", "schedule", "notes"]),
        Source(entity: "interaction", title: [], body: ["reason", "exitGoal", "learned", "nextStep", "outcome", "channel"]),
        Source(entity: "reason", title: ["text"], body: ["url"]),
    ]

    /// Creates the index tables and triggers, and marks every existing record for indexing.
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE searchText USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
            CREATE TABLE searchDoc (rowid INTEGER PRIMARY KEY, record BLOB NOT NULL UNIQUE, entity TEXT NOT NULL);
            CREATE TABLE searchDirty (record BLOB PRIMARY KEY NOT NULL, entity TEXT NOT NULL) WITHOUT ROWID;
            """)
        for source in sources {
            let table = StoreMigrations.quoted(source.entity)
            let columns = (source.title + source.body).map(StoreMigrations.quoted).joined(separator: ", ")
            let note = { (row: String) in "INSERT OR IGNORE INTO searchDirty (record, entity) VALUES (\(row).id, '\(source.entity)');" }
            try db.execute(sql: """
                CREATE TRIGGER search_\(source.entity)_insert AFTER INSERT ON \(table) BEGIN \(note("NEW")) END;
                CREATE TRIGGER search_\(source.entity)_update AFTER UPDATE OF \(columns) ON \(table) BEGIN \(note("NEW")) END;
                CREATE TRIGGER search_\(source.entity)_delete AFTER DELETE ON \(table) BEGIN \(note("OLD")) END;
                INSERT OR IGNORE INTO searchDirty (record, entity) SELECT id, '\(source.entity)' FROM \(table);
                """)
        }
    }

    /// The name of the trigger that notes a row inserted into `entity`'s table (``migrate(_:)``).
    static func insertTrigger(_ entity: String) -> String { "search_\(entity)_insert" }

    /// Re-indexes the records noted as changed. Runs inside a write transaction.
    static func refresh(_ db: Database) throws {
        try expandWholeTables(db)
        let dirty = try Row.fetchAll(db, sql: "SELECT record, entity FROM searchDirty")
        guard !dirty.isEmpty else { return }
        let bySource = Dictionary(uniqueKeysWithValues: sources.map { ($0.entity, $0) })
        let existing = try db.cachedStatement(sql: "SELECT rowid FROM searchDoc WHERE record = ?")
        let removeText = try db.cachedStatement(sql: "DELETE FROM searchText WHERE rowid = ?")
        let removeDoc = try db.cachedStatement(sql: "DELETE FROM searchDoc WHERE rowid = ?")
        let addDoc = try db.cachedStatement(sql: "INSERT INTO searchDoc (record, entity) VALUES (?, ?)")
        let addText = try db.cachedStatement(sql: "INSERT INTO searchText (rowid, title, body) VALUES (?, ?, ?)")
        for row in dirty {
            let record: DatabaseValue = row[0]
            guard let entity: String = row[1], let source = bySource[entity] else { continue }
            if let rowid = try Int64.fetchOne(existing, arguments: [record]) {
                try removeText.execute(arguments: [rowid])
                try removeDoc.execute(arguments: [rowid])
            }
            let columns = (source.title + source.body).map(StoreMigrations.quoted).joined(separator: ", ")
            guard let values = try Row.fetchOne(db, sql: "SELECT \(columns) FROM \(StoreMigrations.quoted(entity)) WHERE id = ?", arguments: [record]) else { continue }
            func joined(_ range: Range<Int>) -> String {
                range.compactMap { (values[$0] as String?)?.trimmingCharacters(in: .whitespacesAndNewlines) }
                    .filter { !$0.isEmpty }.joined(separator: " · ")
            }
            let title = joined(0..<source.title.count)
            let body = joined(source.title.count..<(source.title.count + source.body.count))
            guard !(title.isEmpty && body.isEmpty) else { continue }
            try addDoc.execute(arguments: [record, entity])
            try addText.execute(arguments: [db.lastInsertedRowID, title, body])
        }
        try db.execute(sql: "DELETE FROM searchDirty")
    }

    /// The FTS5 query for what a person typed: every word must appear, each as a prefix, with FTS5
    /// syntax characters taken literally. `nil` when there is no word to look for.
    static func matchExpression(_ text: String) -> String? {
        let words = text.split { !($0.isLetter || $0.isNumber) }
        guard !words.isEmpty else { return nil }
        return words.map { "\"\($0)\"*" }.joined(separator: " ")
    }
}
