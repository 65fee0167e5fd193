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
    /// The registers of each loaded record, by field; a loaded record without registers maps to `[:]`.
    var records: [RecordKey: [String: Register]] = [:]
    /// Records whose `deleted` or `mergedInto` register was written in this transaction: their
    /// stored status may be out of date until it is refreshed.
    var statusFieldsWritten: Set<RecordKey> = []
    /// Statements that write one entity's columns (insert, then update when the row existed), by
    /// entity and set of columns.
    var upserts: [UpsertShape: (insert: Statement, update: Statement?)] = [:]

    /// The entity and the columns (a bit per position in ``EntityTable/columns``) an upsert sets.
    struct UpsertShape: Hashable {
        var entity: String
        var columns: UInt64
    }
}
