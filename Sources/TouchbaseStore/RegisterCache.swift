import GRDB
import TouchbaseCore

/// The registers one write transaction has read or written, by record: every register of a record
/// is loaded at once (one query, or one per few hundred records for a whole batch), and each write
/// goes to the database and here together, so the merge rules read each register from SQLite once
/// per transaction.
///
/// It lives as long as its ``WriteSession``, inside one transaction, and assumes that nothing
/// else writes the `register` table meanwhile (code that rewrites registers in SQL starts a new
/// session after it).
final class RegisterCache {
    /// Records held at most: past this the cache starts over, so a transaction of a million
    /// records (an import, a join) holds a bounded number of registers, never the whole database.
    static let recordLimit = 8_192

    /// The registers of each loaded record, by field; a loaded record without registers maps to `[:]`.
    var records: [RecordKey: [String: Register]] = [:]
    /// Records whose `deleted` or `mergedInto` register was written in this transaction: their
    /// stored status may be out of date until it is refreshed.
    var statusFieldsWritten: Set<RecordKey> = []
    /// Statements that write one entity's columns (insert, then update when the row existed), by
    /// entity and set of columns.
    var upserts: [UpsertShape: (insert: Statement, update: Statement?)] = [:]

    /// The entity and the columns (a bit per position in ``EntityTable/columns``) an upsert sets.
    /// Drops every cached record when `incoming` more would pass ``recordLimit``. Safe at any time
    /// between two register operations: every write reaches the database before the cache, and a
    /// record not held is read again.
    func makeRoom(for incoming: Int) {
        if records.count + incoming > Self.recordLimit { records.removeAll() }
    }

    struct UpsertShape: Hashable {
        var entity: String
        var columns: UInt64
    }
}
