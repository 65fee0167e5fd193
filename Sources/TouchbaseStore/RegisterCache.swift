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
    /// Records held at most by default: past this the cache starts over (after writing what
    /// changed), so a transaction of a million records (an import, a join) holds a bounded number
    /// of registers, never the whole database.
    static let defaultRecordLimit = 8_192

    /// Records this cache holds at most (``StoreEnvironment/registerCacheRecords``; tests make it
    /// small to reach its edges with small batches).
    var recordLimit = RegisterCache.defaultRecordLimit

    /// Each loaded record's registers and what the cache knows of its row (``Entry``): a write
    /// finds its record once and marks it there, instead of in one table per mark.
    var records: [RecordKey: Entry] = [:]
    /// Records whose `deleted` or `mergedInto` register was written in this transaction: their
    /// stored status may be out of date until it is refreshed.
    var statusFieldsWritten: Set<RecordKey> = []
    /// Statements that write one entity's columns (insert, then update when the row existed), by
    /// entity and set of columns.
    var upserts: [UpsertShape: (insert: Statement, update: Statement?)] = [:]
    /// The binders that open and close a conflict row (``WriteSession/setConflict(_:record:field:kind:)``),
    /// once used in this transaction.
    var openConflict: RowBinder?
    var closeConflict: RowBinder?

    /// Records whose registers changed since they were last written to `recordRegisters` (those
    /// whose ``Entry/dirty`` is set), each once, in the order first changed. They are never dropped
    /// from ``records`` before they are written.
    var dirty: [RecordKey] = []

    /// One loaded record.
    struct Entry {
        /// Its registers, by field; `[:]` for a record without registers.
        var fields: [String: Register]
        /// The `recordRegisters` bytes of a record read from its row (one at a time for a single
        /// edit, a few hundred per query for a batch) as they are stored, `nil` when they are not
        /// known: ``WriteSession/flushRegisters()`` then encodes only the ``changed`` fields and
        /// copies the others' bytes (``RegisterBlob/splice(_:changed:registers:into:scratch:index:)``).
        var stored: [UInt8]?
        /// The fields written since ``stored`` was read (kept only while ``stored`` is known).
        var changed: Set<String> = []
        /// Whether its registers changed since they were last written (it is then in ``RegisterCache/dirty``).
        var dirty = false
        /// Loaded without a register (so, as a rule, without a row yet): a hint for which
        /// statement writes a touched record's row first (``WriteSession/materialize``).
        var unstored = false

        /// A record as read: its registers and its row's bytes (`nil`: no row).
        init(fields: [String: Register], stored: [UInt8]?) {
            self.fields = fields
            self.stored = stored
            unstored = fields.isEmpty
        }

        /// Notes that `field`'s register changed; returns whether the record was clean before.
        mutating func markChanged(_ field: String) -> Bool {
            if stored != nil { changed.insert(field) }
            guard !dirty else { return false }
            dirty = true
            return true
        }
    }

    /// The entity and the columns (a bit per position in ``EntityTable/columns``) an upsert sets.
    struct UpsertShape: Hashable {
        var entity: String
        var columns: UInt64

        /// Hashes the columns alone: a text (the entity) costs more to hash than the mask, and a
        /// transaction writes a few entities. Shapes of two entities with one mask stay unequal.
        func hash(into hasher: inout Hasher) { hasher.combine(columns) }
    }
}
