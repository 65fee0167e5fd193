import Foundation
import GRDB
import TouchbaseCore

extension Store {
    /// Gives this database a new device id, keeping every local edit.
    ///
    /// For a database that was copied or restored from a backup: the shared folder holds Changes
    /// of this device id that differ from the local ones from `firstDivergent` on (or that the local
    /// log lacks). Those local Changes are taken out of the log, the state is rebuilt from what
    /// remains, and their puts are made again, in order, as one new Change of the new device id —
    /// so nothing done here is lost, and the folder's Changes of the old id can then be applied.
    ///
    /// - Parameter firstDivergent: the first sequence number of the old id whose local Change must
    ///   be re-issued (`nil`: none; only the id changes).
    /// - Returns: the new device id.
    public func rekey(firstDivergent: UInt64?) throws -> DeviceID {
        let old = try device
        let new = environment.makeDeviceID()
        let name = try metaValue("deviceName") ?? "device"
        let now = environment.now()
        try queue.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                var session = try WriteSession(db)
                var all: [Change] = []
                for data in try Data.fetchAll(db, sql: "SELECT data FROM change") { all += try ChangeCodec.decode([UInt8](data)) }
                let cut = firstDivergent ?? UInt64.max
                let moved = all.filter { $0.device == old && $0.seq >= cut }.sorted { $0.seq < $1.seq }
                let kept = all.filter { !($0.device == old && $0.seq >= cut) }
                try Store.clearMaterialized(db)
                session = try WriteSession(db)
                var version = VersionVector()
                var mergesChanged = false
                var maxHLC = HLC.zero
                // Changes whose causal past was re-issued cannot be applied any more; they were
                // this device's own and are re-issued below.
                let pending = try CausalScheduler.run(kept, version: &version) { c in
                    if try session.applyAndLog(c) { mergesChanged = true }
                    maxHLC = max(maxHLC, c.hlc)
                }.waiting
                try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'device'", arguments: [new.hex])
                try db.execute(sql: "INSERT INTO device (id, name) VALUES (?, ?)", arguments: [Data(new.raw.bytes), name])
                session = try WriteSession(db)
                let ops = (moved + pending).flatMap(\.ops)
                var clock = HybridClock(last: max(maxHLC, moved.map(\.hlc).max() ?? .zero))
                if !ops.isEmpty {
                    let change = Change(device: new, seq: 1, hlc: clock.tick(wallMilliseconds: now), deps: session.version, ops: ops)
                    if try session.applyAndLog(change) { mergesChanged = true }
                }
                if mergesChanged { try session.recomputeSurvivors() }
                try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'hlc'", arguments: [String(clock.last.raw)])
                try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('retiredDevice', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", arguments: [old.hex])
                return .commit
            }
        }
        return new
    }

    /// Empties the log and every materialized table (inside the caller's transaction).
    static func clearMaterialized(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM change; DELETE FROM register; DELETE FROM recordChange; DELETE FROM conflict; UPDATE device SET maxSeq = 0")
        for entity in Schema.all { try db.execute(sql: "DELETE FROM \(StoreMigrations.quoted(entity.name))") }
    }
}
