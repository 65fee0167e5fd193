import Foundation
import GRDB
import TouchbaseCore

/// One device's database: the materialized tables and the change log, in SQLite (WAL mode).
///
/// Every local edit is one transaction that writes its data and its Change together; remote Changes
/// go through the same Core merge rules, in batches, each batch one transaction.
///
/// ```swift
/// let store = try Store.create(at: path, deviceName: "laptop")
/// let id = store.environment.makeRecordID()
/// try store.commit([Op(entity: "contact", record: id, field: "name", value: .text("Ada Lovelace"))])
/// ```
public final class Store: @unchecked Sendable {
    /// The database connection (serialized; other processes wait through the busy timeout).
    let queue: DatabaseQueue
    /// The database file.
    public let path: String
    /// Clock and randomness.
    public let environment: StoreEnvironment

    private init(path: String, environment: StoreEnvironment) throws {
        var config = Configuration()
        config.busyMode = .timeout(30)
        // WAL, set here rather than with `journalMode = .wal`: GRDB's WAL set-up lowers
        // `synchronous` to NORMAL after this runs, and every commit must reach the disk (FULL), so
        // a power cut never loses an edit that was reported done.
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        self.path = path
        self.environment = environment
        // Owner only: the database and its -wal and -shm files (which SQLite creates with the
        // database's mode) are never readable by other local users.
        StoreFiles.secure(path)
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            StoreFiles.tighten(path)
            try queue.read { db in
                if try StoreMigrations.migrator.hasBeenSuperseded(db) {
                    throw StoreError.newerDatabase(try String.fetchOne(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid DESC LIMIT 1") ?? "?")
                }
            }
            try StoreMigrations.migrator.migrate(queue)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
            throw StoreError.corrupt(error.message ?? "not a database")
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
        let store = try Store(path: path, environment: environment)
        let device = environment.makeDeviceID()
        try store.queue.write { db in
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('device', ?), ('deviceName', ?), ('hlc', '0'), ('created', ?)",
                           arguments: [device.hex, deviceName, String(environment.now())])
            try db.execute(sql: "INSERT INTO device (id, name) VALUES (?, ?)", arguments: [Data(device.raw.bytes), deviceName])
        }
        return store
    }

    /// Opens an existing database.
    ///
    /// - throws: ``StoreError/notInitialized(path:)`` if there is none.
    public static func open(at path: String, environment: StoreEnvironment = .live) throws -> Store {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.notInitialized(path: path) }
        let store = try Store(path: path, environment: environment)
        guard try store.metaValue("device") != nil else { throw StoreError.notInitialized(path: path) }
        return store
    }

    /// This database's device id.
    public var device: DeviceID {
        get throws {
            guard let hex = try metaValue("device"), let id = DeviceID(hex: hex) else { throw StoreError.corrupt("no device id") }
            return id
        }
    }

    /// A read-only look at the database.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.read(body)
    }

    /// A value of the local (never synced) settings: device id, device name, folder path, ….
    public func metaValue(_ key: String) throws -> String? {
        try queue.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    /// Sets a local setting.
    public func setMetaValue(_ key: String, _ value: String?) throws {
        try queue.write { db in
            if let value {
                try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", arguments: [key, value])
            } else {
                try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [key])
            }
        }
    }

    /// Runs `body` in one IMMEDIATE write transaction with a fresh ``WriteSession``.
    func writeSession<T>(_ body: (inout WriteSession) throws -> T) throws -> T {
        try queue.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                var session = try WriteSession(db)
                result = try body(&session)
                return .commit
            }
            return result!
        }
    }

    /// The version vector: what this database has applied, its own Changes included.
    public func version() throws -> VersionVector {
        try queue.read { db in try WriteSession(db).version }
    }
}
