import Foundation
import GRDB
import GRDBSQLite
import TouchbaseCore

/// What one local edit leaves for the next: the device table, this device's id and clock, and the
/// digests its next Change links to, so a run of edits does not read them again.
///
/// It is kept only while nothing else wrote the database: an entry is stamped with the main
/// database file's data version (`SQLITE_FCNTL_DATA_VERSION`, which moves with every commit, this
/// connection's own and, once this connection starts its next transaction, every other
/// connection's or process's), read right after the entry's transaction committed, and with the
/// writer connection's count of rows changed (which moves with every write of this connection, a
/// rolled-back one included). A transaction that finds either moved reads everything again. Only
/// a transaction whose every write was a local edit (``Store/commitLocal(_:now:in:)``) leaves an entry.
final class WriteCache: @unchecked Sendable {
    /// Where the database stood when an entry was made.
    struct Stamp: Equatable {
        var dataVersion: UInt32
        var totalChanges: Int

        /// Read inside the write transaction, once it holds the write lock (so the data version
        /// has seen every other connection's commit).
        init(_ db: Database) throws {
            dataVersion = try WriteCache.dataVersion(db)
            totalChanges = db.totalChangesCount
        }
    }

    /// The main database file's data version as the connection's pager holds it: a file control,
    /// no statement to run (`PRAGMA data_version` would be one, and it leaves out this
    /// connection's own commits, so it would have to be read inside every transaction).
    static func dataVersion(_ db: Database) throws -> UInt32 {
        var version: UInt32 = 0
        let code = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_DATA_VERSION, &version)
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "could not read the data version")
        }
        return version
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
