import GRDB
import TouchbaseCore

extension StoreMigrations {
    /// Migration `edit-v1-device-clock`: this device's clock moves from `meta.hlc` into a `clock`
    /// column of its own device row, beside its sequence number, so a local edit writes both in one
    /// statement (``WriteSession/clock(of:_:)``). Other devices' rows leave it NULL.
    static func moveClockToDeviceRow(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE device ADD COLUMN clock INTEGER")
        let meta = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT key, value FROM meta WHERE key IN ('device', 'hlc')")
            .map { ($0["key"] as String, $0["value"] as String) })
        // A database not initialized yet has no device: its row gets the clock's zero when created.
        if let hex = meta["device"], let device = DeviceID(hex: hex) {
            try db.execute(sql: "INSERT INTO device (id) VALUES (?) ON CONFLICT(id) DO NOTHING", arguments: [device])
            try WriteSession.setClock(WriteSession.clockStamp(fromMeta: meta["hlc"]), of: device, db)
        }
        try db.execute(sql: "DELETE FROM meta WHERE key = 'hlc'")
    }
}
