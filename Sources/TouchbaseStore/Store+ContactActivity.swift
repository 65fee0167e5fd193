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
        // One row per contact from the table the triggers of ContactLatest.done keep, as the day's
        // plan reads it.
        try writer.read { db in try Store.lastInteractions(db, aliases: try Store.survivorMap(db)) }
    }
}
