import Foundation
import GRDB
import TouchbaseCore

/// Reads of a contact's interactions, for `contact show` and `contact list`.
extension Store {
    /// The newest visible interactions whose `contact` is this contact or a duplicate merged into it,
    /// newest first (by date, then time).
    public func recentInteractions(ofContact id: RecordID, limit: Int = 5) throws -> [Record] {
        try writer.read { db in
            let ids = try Store.aliases(of: id, entity: "contact", db)
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM interaction WHERE deleted = 0 AND contact IN (\(Store.placeholders(ids.count)))
                ORDER BY date DESC, time DESC, id LIMIT ?
                """, arguments: StatementArguments(ids.map { $0 as DatabaseValueConvertible } + [limit]))
            return try rows.map { try Store.decode("interaction", $0) }
        }
    }

    /// The date of each contact's latest done (not planned or cancelled) interaction, as its
    /// contact or among the others who were there, keyed by the contact it shows under (merges
    /// followed).
    public func lastInteractionDates() throws -> [RecordID: CalendarDate] {
        try writer.read { db in
            // One row per contact straight from the partial index `interactionDone`, then merged
            // duplicates folded into their survivor here: joining `contact` for every interaction
            // and grouping on the result cost a temporary B-tree over all of them.
            var survivors: [RecordID: RecordID] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, survivor FROM contact WHERE survivor IS NOT NULL") {
                if let id = ColumnCoding.recordID(row[0]), let s = ColumnCoding.recordID(row[1]) { survivors[id] = s }
            }
            var out: [RecordID: CalendarDate] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT contact, MAX(date) FROM interaction
                WHERE deleted = 0 AND COALESCE(status, 'done') = 'done' AND contact IS NOT NULL
                GROUP BY contact
                """)
            while let row = try rows.next() {
                guard let contact = ColumnCoding.recordID(row[0]), let s: String = row[1], let d = CalendarDate(s) else { continue }
                let id = survivors[contact] ?? contact
                out[id] = max(out[id] ?? d, d)
            }
            // Those who were there too (an interaction's `others`) were in touch that day.
            let others = try Row.fetchCursor(db, sql: """
                SELECT others, date FROM interaction
                WHERE others IS NOT NULL AND deleted = 0 AND COALESCE(status, 'done') = 'done' AND date IS NOT NULL
                """)
            while let row = try others.next() {
                guard let list: String = row[0], let s: String = row[1], let d = CalendarDate(s) else { continue }
                for other in Store.wfIDs(inJSON: list) {
                    let id = survivors[other] ?? other
                    out[id] = max(out[id] ?? d, d)
                }
            }
            return out
        }
    }
}
