import Foundation
import GRDB
import TouchbaseCore

/// Reads of a contact's interactions, for `contact show` and `contact list`.
extension Store {
    /// The newest visible interactions whose `contact` is this contact or a duplicate merged into it,
    /// newest first (by date, then time).
    public func recentInteractions(ofContact id: RecordID, limit: Int = 5) throws -> [Record] {
        try queue.read { db in
            let ids = try Store.aliases(of: id, entity: "contact", db)
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM interaction WHERE deleted = 0 AND contact IN (\(Store.placeholders(ids.count)))
                ORDER BY date DESC, time DESC, id LIMIT ?
                """, arguments: StatementArguments(ids.map { Data($0.raw.bytes) as DatabaseValueConvertible } + [limit]))
            return try rows.map { try Store.decode("interaction", $0) }
        }
    }

    /// The date of each contact's latest done (not planned or cancelled) interaction, keyed by the
    /// contact it shows under (merges followed).
    public func lastInteractionDates() throws -> [RecordID: CalendarDate] {
        try queue.read { db in
            var out: [RecordID: CalendarDate] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT COALESCE(c.survivor, i.contact) AS who, MAX(i.date) AS last FROM interaction i
                LEFT JOIN contact c ON c.id = i.contact
                WHERE i.deleted = 0 AND i.date IS NOT NULL AND i.contact IS NOT NULL AND COALESCE(i.status, 'done') = 'done'
                GROUP BY who
                """) {
                guard let id = ColumnCoding.recordID(row["who"]), let s: String = row["last"], let d = CalendarDate(s) else { continue }
                out[id] = max(out[id] ?? d, d)
            }
            return out
        }
    }
}
