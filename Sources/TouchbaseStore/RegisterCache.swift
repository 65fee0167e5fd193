import GRDB
import TouchbaseCore

/// The registers one write transaction has read or written, by record: every register of a record
/// is loaded at once (one row; one query per few hundred records for a whole batch), and a write
/// goes here first and marks its record ``dirty``; ``WriteSession/flushRegisters()`` writes each
/// dirty record's row once (after a Change, or after a whole batch), so the merge rules read and
/// write each record's registers in SQLite once per batch.
///
/// It lives as long as its ``WriteSession``, inside one transaction, and assumes that nothing
/// else writes the `recordRegisters` table meanwhile (code that rewrites registers in SQL starts a
/// new session after it, and every session flushes before it ends).
final class RegisterCache {
    /// Records held at most: past this the cache starts over (after writing what changed), so a
    /// transaction of a million records (an import, a join) holds a bounded number of registers,
    /// never the whole database.
    static let recordLimit = 8_192

    /// The registers of each loaded record, by field; a loaded record without registers maps to `[:]`.
    var records: [RecordKey: [String: Register]] = [:]
    /// Records whose `deleted` or `mergedInto` register was written in this transaction: their
    /// stored status may be out of date until it is refreshed.
    var statusFieldsWritten: Set<RecordKey> = []
    /// Statements that write one entity's columns (insert, then update when the row existed), by
    /// entity and set of columns.
    var upserts: [UpsertShape: (insert: Statement, update: Statement?)] = [:]

    /// Loaded records that had no register (so, as a rule, no row yet): a hint for which
    /// statement writes a touched record's row first (``WriteSession/materialize``). Dropped with
    /// ``records``.
    var unstored: Set<RecordKey> = []

    /// Records whose registers changed since they were last written to `recordRegisters`. They
    /// are never dropped from ``records`` before they are written.
    var dirty: Set<RecordKey> = []

    /// The `recordRegisters` bytes of records read from their rows (one at a time for a single
    /// edit, a few hundred per query for a batch) as they are stored, with the fields written since: ``WriteSession/flushRegisters()`` encodes only
    /// those fields and copies the others' bytes (``RegisterBlob/splice(_:changed:registers:into:scratch:index:)``).
    /// Dropped with ``records``.
    var stored: [RecordKey: StoredRow] = [:]

    /// A record's stored registers and the fields written since they were read.
    struct StoredRow {
        var bytes: [UInt8]
        var changed: Set<String> = []
    }

    /// The entity and the columns (a bit per position in ``EntityTable/columns``) an upsert sets.
    struct UpsertShape: Hashable {
        var entity: String
        var columns: UInt64
    }
}
