import Foundation
import GRDB
import TouchbaseCore

extension Store {
    /// The healed forks this database knows, with the Changes healing moved (Protocol/SPEC.md §3.6).
    public func forkHealMap() throws -> ForkHealMap {
        try writer.read { db in
            var heals: [ForkHeal] = []
            for row in try Row.fetchAll(db, sql: "SELECT device, seq, renamed, base FROM forkHeal ORDER BY device, seq, renamed") {
                guard let raw = ID128(bytes: [UInt8](row["device"] as Data)) else { continue }
                heals.append(ForkHeal(device: DeviceID(raw), seq: UInt64(bitPattern: row["seq"] as Int64),
                                      renamed: [UInt8](row["renamed"] as Data), base: [UInt8](row["base"] as Data)))
            }
            var moved: [[UInt8]: ForkHealMap.Target] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT original, device, seq, digest FROM forkMoved") {
                guard let raw = ID128(bytes: [UInt8](row["device"] as Data)) else { continue }
                moved[[UInt8](row["original"] as Data)] = ForkHealMap.Target(
                    dot: Dot(device: DeviceID(raw), seq: UInt64(bitPattern: row["seq"] as Int64)), digest: [UInt8](row["digest"] as Data))
            }
            return ForkHealMap(heals: heals, moved: moved)
        }
    }

    /// Stores the map's heals and the moves added since it was loaded.
    public func saveForkHealMap(_ map: inout ForkHealMap) throws {
        try writer.write { db in try Store.save(map, db) }
        map.markStored()
    }

    static func save(_ map: ForkHealMap, _ db: Database) throws {
        for h in map.heals {
            try db.execute(sql: "INSERT INTO forkHeal (device, seq, renamed, base) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                           arguments: [h.device, Int64(bitPattern: h.seq), Data(h.renamed), Data(h.base)])
        }
        for (original, t) in map.added {
            try db.execute(sql: "INSERT INTO forkMoved (original, device, seq, digest) VALUES (?, ?, ?, ?) ON CONFLICT(original) DO UPDATE SET device = excluded.device, seq = excluded.seq, digest = excluded.digest",
                           arguments: [Data(original), t.dot.device, Int64(bitPattern: t.dot.seq), Data(t.digest)])
        }
    }

    /// Applies the heals of `map` to what this database already applied (Protocol/SPEC.md §3.6,
    /// "Healing"): every Change of its log that healing moves (a renamed history's Changes, and
    /// Changes whose links name one) is replaced by its healed form, and the state is derived again
    /// from the log — a function of the set of Changes, so registers, conflicts, the version vector
    /// and marks all follow. When this database's own Changes are renamed, it goes on under the
    /// derived id.
    ///
    /// - Returns: this database's device id afterwards (the derived id when its own history was
    ///   renamed), and whether anything in the log moved.
    @discardableResult
    public func heal(_ map: inout ForkHealMap) throws -> (device: DeviceID, changed: Bool) {
        let old = try device
        let name = try metaValue("deviceName") ?? "device"
        var outcome = (device: old, changed: false)
        try writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                var all: [Change] = []
                for data in try Data.fetchAll(db, sql: "SELECT data FROM change") { all += try ChangeCodec.decode([UInt8](data)) }
                var ordered: [Change] = []
                var version = VersionVector()
                _ = try CausalScheduler.run(all, version: &version) { ordered.append($0) }
                let healed = ordered.map { map.transform($0) }
                try Store.save(map, db)
                guard healed != ordered else { return .commit }
                outcome.changed = true
                var me = old
                for (before, after) in zip(ordered, healed) where before.device == old && after.device != old {
                    me = after.device
                    break
                }
                try Store.clearMaterialized(db)
                if me != old {
                    try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'device'", arguments: [me.hex])
                    try db.execute(sql: "INSERT INTO device (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name", arguments: [me, name])
                }
                var session = try WriteSession(db)
                var mergesChanged = false
                var v = VersionVector()
                _ = try CausalScheduler.run(healed, version: &v) { c in
                    if try session.applyAndLog(c) { mergesChanged = true }
                }
                if mergesChanged { try session.recomputeSurvivors() }
                outcome.device = me
                return .commit
            }
        }
        map.markStored()
        return outcome
    }
}
