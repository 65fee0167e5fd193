import Foundation
import GRDB
import TouchbaseCore

/// The record ↔ Change index that ``history(of:)`` reads (table `recordChange`), kept lazily.
///
/// Applying or committing a Change writes its log row only. The index catches up with the log in
/// one pass when something reads it (``history(of:)``, ``compactedHistory(of:)``) and before the
/// log drops rows (``compactLog(through:)``). Table `historyMark` holds, per device index, the
/// highest sequence number up to which the index holds that device's log rows; the rows above it
/// are not indexed yet. A device's Changes enter the log in sequence order (the gates), so no row
/// ever appears below its device's mark; code that empties the log empties the index and the marks
/// with it (``clearMaterialized(_:)``).
extension Store {
    /// How many index rows are sorted and written together when the index catches up.
    static let historyIndexChunk = 65_536

    /// Runs `body` on the database with the history index holding every log row: in a read
    /// transaction when it already does, else in a write transaction that first brings it up to date.
    static func withHistoryIndex<T>(_ writer: any DatabaseWriter, _ body: (Database) throws -> T) throws -> T {
        let current: T?? = try writer.read { db in try historyIndexIsCurrent(db) ? .some(try body(db)) : .none }
        if let current, let value = current { return value }
        return try writer.write { db in
            try indexHistory(db)
            return try body(db)
        }
    }

    /// Whether the history index holds every log row.
    static func historyIndexIsCurrent(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT NOT EXISTS (
                SELECT 1 FROM device d LEFT JOIN historyMark m ON m.dev = d.idx
                WHERE EXISTS (SELECT 1 FROM change c WHERE c.dev = d.idx AND c.seq > COALESCE(m.seq, 0)))
            """)) ?? false
    }

    /// Indexes the log rows above each device's mark (inside the caller's write transaction) and
    /// moves the marks.
    ///
    /// - Returns: how many Changes were indexed.
    @discardableResult
    static func indexHistory(_ db: Database) throws -> Int {
        let marks = try Row.fetchAll(db, sql: "SELECT d.idx, COALESCE(m.seq, 0) FROM device d LEFT JOIN historyMark m ON m.dev = d.idx ORDER BY d.idx")
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO recordChange (record, dev, seq) VALUES (?, ?, ?)")
        var pending: [(record: RecordID, dev: Int64, seq: Int64)] = []
        func write() throws {
            // In key order: the index's B-tree pages are written once each, not once per row.
            pending.sort { ($0.record, $0.dev, $0.seq) < ($1.record, $1.dev, $1.seq) }
            for row in pending { try insert.execute(arguments: [row.record, row.dev, row.seq]) }
            pending.removeAll(keepingCapacity: true)
        }
        var indexed = 0
        for mark in marks {
            let dev: Int64 = mark[0], from: Int64 = mark[1]
            var last = from
            let rows = try Row.fetchCursor(db, sql: "SELECT seq, data FROM change WHERE dev = ? AND seq > ? ORDER BY seq", arguments: [dev, from])
            while let row = try rows.next() {
                let seq: Int64 = row[0]
                var seen = Set<RecordID>()
                for change in try ChangeCodec.decode([UInt8](row[1] as Data)) {
                    for op in change.ops where seen.insert(op.record).inserted { pending.append((op.record, dev, seq)) }
                }
                if pending.count >= historyIndexChunk { try write() }
                last = seq
                indexed += 1
            }
            guard last != from else { continue }
            try db.execute(sql: "INSERT INTO historyMark (dev, seq) VALUES (?, ?) ON CONFLICT(dev) DO UPDATE SET seq = excluded.seq",
                           arguments: [dev, last])
        }
        try write()
        return indexed
    }
}
