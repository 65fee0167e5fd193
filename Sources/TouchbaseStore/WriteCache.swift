import Foundation
import GRDB
import TouchbaseCore

/// What one local edit leaves for the next: the device table, this device's id and clock, and the
/// digests its next Change links to, so a run of edits does not read them again.
///
/// It is kept only while nothing else wrote the database: an entry is stamped with the writer
/// connection's `PRAGMA data_version` (which moves when another connection or process commits)
/// and its count of rows changed (which moves with every write of this connection, a rolled-back
/// one included), both taken inside the write transaction; a transaction that finds either moved
/// reads everything again. Only a transaction whose every write was a local edit
/// (``Store/commitLocal(_:now:in:)``) leaves an entry.
final class WriteCache: @unchecked Sendable {
    /// Where the database stood when an entry was made.
    struct Stamp: Equatable {
        var dataVersion: Int64
        var totalChanges: Int

        /// Read inside the write transaction, once it holds the write lock.
        init(_ db: Database) throws {
            dataVersion = try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
            totalChanges = db.totalChangesCount
        }
    }

    /// The device table and what a local edit reads, as of ``stamp``.
    struct Entry {
        var stamp: Stamp
        var devices: DeviceRows
        var reuse: WriteReuse
    }

    /// The device table's rows a write session keeps: index ↔ id, and the version vector.
    struct DeviceRows {
        var indexOf: [DeviceID: Int64]
        var deviceAt: [Int64: DeviceID]
        var version: VersionVector
    }

    private let lock = NSLock()
    private var entry: Entry?

    /// The entry, when it was made at `stamp` (nothing was written since); `nil` otherwise.
    func entry(at stamp: Stamp) -> Entry? {
        lock.withLock { entry?.stamp == stamp ? entry : nil }
    }

    /// Replaces the entry (`nil`: forgets it).
    func keep(_ new: Entry?) {
        lock.withLock { entry = new }
    }
}
