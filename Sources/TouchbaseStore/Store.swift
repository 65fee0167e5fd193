import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TouchbaseCore

/// One device's database: the materialized tables and the change log, in SQLite (WAL mode).
///
/// Every local edit is one transaction that writes its data and its Change together; remote Changes
/// go through the same Core merge rules, in batches, each batch one transaction.
///
/// On disk the database is a pool of connections: one writer (other processes wait for it through
/// the busy timeout) and readers that never wait behind a write, not even a long sync batch. In
/// memory (``inMemory(deviceName:environment:)``, for tests and previews) it is one connection.
///
/// ```swift
/// let store = try Store.create(at: path, deviceName: "laptop")
/// let id = store.environment.makeRecordID()
/// try store.commit([Op(entity: "contact", record: id, field: "name", value: .text("Ada Lovelace"))])
/// ```
public final class Store: Sendable {
    /// The database: a `DatabasePool` on disk, a `DatabaseQueue` in memory.
    let writer: any DatabaseWriter
    /// The database file (`:memory:` for an in-memory store).
    public let path: String
    /// Clock and randomness.
    public let environment: StoreEnvironment

    /// What one local edit leaves for the next (checked against other writers before any use).
    let writeCache = WriteCache()

    /// The `path` of an in-memory store.
    public static let inMemoryPath = ":memory:"

    /// Whether the database lives in a file that other connections (other processes) may write.
    var isOnDisk: Bool { path != Store.inMemoryPath }

    /// `device`: the device id of a database being created (`nil`: the one it holds, if any),
    /// whose record ids the store makes (``StoreEnvironment/boundTo(_:)``).
    private init(path: String, environment: StoreEnvironment, preparingWAL: Bool = false, device: DeviceID? = nil) throws {
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            // Readers are read-only connections: durability is the writer's business.
            guard !db.configuration.readonly else { return }
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // A batch's registers and rows stay in the writer's page cache (32 MiB at most, used only
            // as a batch grows) instead of being read again from the file for every Change.
            try db.execute(sql: "PRAGMA cache_size = -32768")
            // A log that one large batch grew is cut back to this size at the next checkpoint that
            // restarts it, instead of keeping its largest size for as long as the store is open.
            try db.execute(sql: "PRAGMA journal_size_limit = \(Store.logSizeLimit)")
        }
        self.path = path
        // Owner only: the database and its -wal and -shm files (which SQLite creates with the
        // database's mode) are never readable by other local users.
        StoreFiles.secure(path)
        if preparingWAL { Store.prepareEmptyWAL(path) }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: config)
            // The pool's WAL set-up lowers `synchronous` to NORMAL on the writer after
            // `prepareDatabase` ran; every commit must reach the disk (FULL), so a power cut never
            // loses an edit that was reported done.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            StoreFiles.tighten(path)
            try Store.migrate(pool)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
            throw StoreError.corrupt(error.message ?? "not a database")
        }
        writer = pool
        self.environment = environment.boundTo(try device ?? Store.storedDevice(pool))
    }

    /// The device id a database holds (`nil` before `create` wrote one).
    private static func storedDevice(_ writer: any DatabaseWriter) throws -> DeviceID? {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'device'") }.flatMap(DeviceID.init(hex:))
    }

    /// A read-only connection to an existing database: no writer, no WAL set-up, no write at open
    /// or close (see ``openForReading(at:environment:)``). It makes no records: its record ids are
    /// `environment`'s as given, unbound to its device.
    private init(readingAt path: String, environment: StoreEnvironment) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            // Pages read straight from the file's mapping instead of copied in by one `pread` each
            // (a read of 10,000 contacts and 100,000 interactions touches tens of megabytes).
            try db.execute(sql: "PRAGMA mmap_size = \(Store.readMapSize)")
        }
        self.path = path
        self.environment = environment
        StoreFiles.tighten(path)
        do {
            writer = try DatabaseQueue(path: path, configuration: config)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
            throw StoreError.corrupt(error.message ?? "not a database")
        }
    }

    /// The size the `-wal` file is cut back to after a checkpoint (bytes).
    static let logSizeLimit = 64 << 20

    /// How much of the database file a read-only connection maps into memory (bytes).
    static let readMapSize = 1 << 30

    private init(inMemoryWith environment: StoreEnvironment, device: DeviceID) throws {
        path = Store.inMemoryPath
        self.environment = environment.boundTo(device)
        writer = try DatabaseQueue()
        try Store.migrate(writer)
    }

    /// Refuses a database a newer version migrated, then brings an older one up to date.
    private static func migrate(_ writer: any DatabaseWriter) throws {
        try writer.read { db in
            if try StoreMigrations.migrator.hasBeenSuperseded(db) {
                throw StoreError.newerDatabase(try String.fetchOne(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid DESC LIMIT 1") ?? "?")
            }
        }
        try StoreMigrations.migrator.migrate(writer)
    }

    /// A new database in memory with a fresh device id, for tests and previews: nothing reaches
    /// the disk, and it is gone with the store.
    public static func inMemory(deviceName: String = "preview", environment: StoreEnvironment = .live) throws -> Store {
        let device = environment.makeDeviceID()
        let store = try Store(inMemoryWith: environment, device: device)
        try store.initialize(device: device, deviceName: deviceName)
        return store
    }

    /// Writes the identity of a new database: its device id and name.
    private func initialize(device: DeviceID, deviceName: String) throws {
        try writer.write { db in
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('device', ?), ('deviceName', ?), ('created', ?)",
                           arguments: [device.hex, deviceName, String(environment.now())])
            try db.execute(sql: "INSERT INTO device (id, name) VALUES (?, ?)", arguments: [device, deviceName])
        }
    }

    /// Creates a new database with a fresh device id.
    ///
    /// - throws: ``StoreError/alreadyInitialized(path:)`` if a database exists at `path`.
    public static func create(at path: String, deviceName: String, environment: StoreEnvironment = .live) throws -> Store {
        if FileManager.default.fileExists(atPath: path) {
            let existing = try Store(path: path, environment: environment)
            if try existing.metaValue("device") != nil { throw StoreError.alreadyInitialized(path: path) }
        }
        let device = environment.makeDeviceID()
        let store = try Store(path: path, environment: environment, device: device)
        try store.initialize(device: device, deviceName: deviceName)
        return store
    }

    /// Opens an existing database.
    ///
    /// - throws: ``StoreError/notInitialized(path:)`` if there is none.
    public static func open(at path: String, environment: StoreEnvironment = .live) throws -> Store {
        try open(at: path, environment: environment, preparingWAL: false)
    }

    /// Opens an existing database. With `preparingWAL`, for a process that opens the database once for a command that may
    /// have nothing to write (a sync with nothing new), the open itself writes nothing: see
    /// ``prepareEmptyWAL(_:)``. The database and its files are otherwise as after the usual open,
    /// and the `-wal` file is removed when the store closes, as usual.
    ///
    /// - throws: ``StoreError/notInitialized(path:)`` if there is none.
    public static func open(at path: String, environment: StoreEnvironment = .live, preparingWAL: Bool) throws -> Store {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.notInitialized(path: path) }
        let store = try Store(path: path, environment: environment, preparingWAL: preparingWAL)
        guard try store.metaValue("device") != nil else { throw StoreError.notInitialized(path: path) }
        return store
    }

    /// Puts an empty `-wal` file beside the database at `path` when there is none: 32 zero bytes,
    /// shorter than a WAL header with a frame, which SQLite reads as a log with no frames and
    /// rewrites from its start at the first commit.
    ///
    /// Without a `-wal` file, opening the pool writes one: GRDB commits a `CREATE TABLE` and a
    /// `DROP TABLE` so that read-only connections can open the database, and SQLite checkpoints
    /// that transaction into the database file when the store closes (with fsyncs of the log, of
    /// the folder and of the database, and a change of the schema that every connection reads
    /// again). With this file there, a command with nothing to write writes nothing.
    ///
    /// The file appears whole (written under a temporary name, then linked to its name, which
    /// fails if the name exists): a process that opens the database at the same moment finds no
    /// file or this one, never a part of one, and a log another process writes is never touched.
    /// A temporary that a killed process left behind is removed by the next open that prepares one
    /// (``StoreFiles/removeStaleLogTemporaries(of:)``).
    static func prepareEmptyWAL(_ path: String) {
        let wal = path + "-wal"
        var st = stat()
        guard lstat(wal, &st) != 0, errno == ENOENT else { return }
        StoreFiles.removeStaleLogTemporaries(of: path)
        let temporary = StoreFiles.logTemporary(of: path, pid: getpid())
        #if canImport(Glibc)
        let fd = Glibc.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, StoreFiles.fileMode)
        #else
        let fd = Darwin.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, StoreFiles.fileMode)
        #endif
        guard fd >= 0 else { return }
        let header = [UInt8](repeating: 0, count: 32)
        let written = header.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        if written == header.count { _ = link(temporary, wal) }
        unlink(temporary)
    }

    /// Opens an existing database for reading only, for a command that shows and never writes:
    /// one read-only connection, so opening and closing it write nothing (no WAL set-up, no
    /// migration check under the write lock, no checkpoint when it closes). A database that older
    /// versions left needing a migration is opened as ``open(at:environment:)`` opens it
    /// (migrated), and so is one a read-only connection cannot open. A write through the returned
    /// store fails (`SQLITE_READONLY`).
    ///
    /// - throws: ``StoreError/notInitialized(path:)`` if there is none,
    ///   ``StoreError/newerDatabase(_:)`` for a database a newer version migrated.
    public static func openForReading(at path: String, environment: StoreEnvironment = .live) throws -> Store {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.notInitialized(path: path) }
        let store: Store
        do {
            store = try Store(readingAt: path, environment: environment)
        } catch is DatabaseError {
            return try open(at: path, environment: environment)
        }
        let ready: Bool
        do {
            ready = try store.writer.read { db in
                let migrator = StoreMigrations.migrator
                if try migrator.hasBeenSuperseded(db) {
                    throw StoreError.newerDatabase(try String.fetchOne(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid DESC LIMIT 1") ?? "?")
                }
                guard try migrator.hasCompletedMigrations(db) else { return false }
                return try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'device'") != nil
            }
        } catch is DatabaseError {
            return try open(at: path, environment: environment)
        }
        return ready ? store : try open(at: path, environment: environment)
    }

    /// This database's device id.
    public var device: DeviceID {
        get throws {
            guard let hex = try metaValue("device"), let id = DeviceID(hex: hex) else { throw StoreError.corrupt("no device id") }
            return id
        }
    }

    /// A read-only look at the database, in one read transaction (a consistent snapshot). On disk
    /// it runs on a reader connection and never waits behind a write.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.read(body)
    }

    /// A value of the local (never synced) settings: device id, device name, folder path, ….
    public func metaValue(_ key: String) throws -> String? {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    /// Sets a local setting.
    public func setMetaValue(_ key: String, _ value: String?) throws {
        try writer.write { db in try Store.setMetaValue(key, value, db) }
    }

    static func setMetaValue(_ key: String, _ value: String?, _ db: Database) throws {
        if let value {
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", arguments: [key, value])
        } else {
            try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [key])
        }
    }

    /// Runs `body` in one IMMEDIATE write transaction with a fresh ``WriteSession``.
    func writeSession<T>(_ body: (inout WriteSession) throws -> T) throws -> T {
        let limit = environment.registerCacheRecords
        return try writer.writeWithoutTransaction { db in
            try Store.inWriteSession(db, cache: writeCache) { session in
                session.cache.recordLimit = limit
                return try body(&session)
            }
        }
    }

    /// Runs `body` in one IMMEDIATE write transaction of `db` with a fresh ``WriteSession``.
    ///
    /// With `cache`, the session starts from the device table and identity the previous local edit
    /// left, when nothing wrote the database since (``WriteCache``), and leaves them for the next
    /// one when every write of this transaction was a local edit.
    static func inWriteSession<T>(_ db: Database, cache: WriteCache? = nil, _ body: (inout WriteSession) throws -> T) throws -> T {
        var result: T?
        var kept: WriteCache.Entry?
        do {
            try WriteTransaction.run(db) {
                guard let cache else {
                    var session = try WriteSession(db)
                    result = try body(&session)
                    return
                }
                let stamp = try WriteCache.Stamp(db)
                var session = try cache.entry(at: stamp).map { WriteSession(db, cached: $0) } ?? WriteSession(db)
                session.reuse.accountedChanges = stamp.totalChanges
                result = try body(&session)
                if session.reuse.identity != nil, session.reuse.holds(db) {
                    var end = stamp
                    end.totalChanges = db.totalChangesCount
                    kept = WriteCache.Entry(stamp: end, devices: session.deviceRows, reuse: session.reuse)
                }
            }
            // The entry's data version is the one its own commit left, read before anything else
            // runs on this connection: the next transaction finds it unchanged unless another
            // connection committed meanwhile. The edit is committed: a failed read only drops the entry.
            if kept != nil {
                if let version = try? WriteCache.dataVersion(db) { kept!.stamp.dataVersion = version } else { kept = nil }
            }
        } catch {
            cache?.keep(nil)
            throw error
        }
        cache?.keep(kept)
        return result!
    }

    /// The version vector: what this database has applied, its own Changes included.
    public func version() throws -> VersionVector {
        try writer.read { db in try WriteSession(db).version }
    }
}
