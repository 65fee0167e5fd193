import Foundation
import GRDB
import TouchbaseCore

extension SearchIndex {
    /// Notes every row of `entity`'s table for indexing with one marker row: what its insert
    /// trigger does row by row, done once by a snapshot load (``DeferredIndexes``); the next
    /// refresh expands it (``expandWholeTables(_:)``). The marker's record is one byte, the
    /// entity's position in ``sources`` (a record id is 16 bytes, so it is never one).
    static func noteWholeTable(_ entity: String, _ db: Database) throws {
        guard let position = sources.firstIndex(where: { $0.entity == entity }) else { return }
        try db.execute(sql: "INSERT OR IGNORE INTO searchDirty (record, entity) VALUES (?, ?)",
                       arguments: [Data([UInt8(position)]), entity])
    }

    /// Replaces each whole-table marker with a note of every row of that table. Runs inside
    /// ``refresh(_:)``'s write transaction, before the notes are read.
    static func expandWholeTables(_ db: Database) throws {
        let entities = try String.fetchAll(db, sql: "SELECT entity FROM searchDirty WHERE length(record) < 16")
        guard !entities.isEmpty else { return }
        try db.execute(sql: "DELETE FROM searchDirty WHERE length(record) < 16")
        for entity in entities where sources.contains(where: { $0.entity == entity }) {
            try db.execute(sql: "INSERT OR IGNORE INTO searchDirty (record, entity) SELECT id, ? FROM \(StoreMigrations.quoted(entity))",
                           arguments: [entity])
        }
    }
}
