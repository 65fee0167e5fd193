import Foundation
import GRDB
import TouchbaseCore

extension Store {
    /// Gives this database a new device id, keeping every local edit.
    ///
    /// For a database that was copied or restored from a backup: the shared folder holds Changes
    /// of this device id that differ from the local ones from `firstDivergent` on (or that the local
    /// log lacks), or no other device can have received the local ones from there on. Those own
    /// Changes are taken out of the log and made again under the new id, one new Change each, in
    /// order, with the same stamp and puts and the same causal past (less what the re-key takes
    /// out), so edits that were concurrent with them stay concurrent and still show as conflicts.
    /// Only this database's own Changes are re-issued, never another device's: another device's
    /// Change that was applied on top of a re-issued one leaves the log too, and is imported again
    /// from the folder once the old id's Changes it needs arrive there.
    ///
    /// - Parameter firstDivergent: the first sequence number of the old id whose local Change must
    ///   be re-issued (`nil`: none; only the id changes).
    /// - Returns: the new device id.
    ///
    /// - Throws: ``StoreError/Code/logCompacted`` when own Changes must be re-issued and the log was
    ///   compacted (re-issuing replays the whole log); ``StoreError/detail`` holds how many. Nothing
    ///   is changed then. With nothing to re-issue, a compacted database changes only its id.
    public func rekey(firstDivergent: UInt64?) throws -> DeviceID {
        let old = try device
        let new = environment.makeDeviceID()
        let name = try metaValue("deviceName") ?? "device"
        // A re-key that re-issues replays the log: a compacted one no longer holds the whole state
        // (SPEC §3.7). With nothing to re-issue, the state stays as it is and only the id changes.
        if try !compactedLog().entries.isEmpty {
            let own = try version()[old]
            if let cut = firstDivergent, max(1, cut) <= own {
                throw StoreError(.logCompacted, detail: String(own - max(1, cut) + 1))
            }
            try writer.write { db in try Store.adopt(new, name: name, givingUp: old, db) }
            return new
        }
        try writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                var all: [Change] = []
                for data in try Data.fetchAll(db, sql: "SELECT data FROM change") { all += try ChangeCodec.decode([UInt8](data)) }
                let cut = max(1, firstDivergent ?? UInt64.max)
                let moved = all.filter { $0.device == old && $0.seq >= cut }.sorted { $0.seq < $1.seq }
                let kept = all.filter { !($0.device == old && $0.seq >= cut) }
                try Store.clearMaterialized(db)
                var session = try WriteSession(db)
                var version = VersionVector()
                var mergesChanged = false
                var maxHLC = try WriteSession.clock(of: old, db)
                // Other devices' Changes whose causal past is re-issued cannot stay: they wait
                // in the folder for the old id's Changes they were made on.
                _ = try CausalScheduler.run(kept, version: &version) { c in
                    if try session.applyAndLog(c) { mergesChanged = true }
                    maxHLC = max(maxHLC, c.hlc)
                }
                try Store.adopt(new, name: name, givingUp: old, db)
                session = try WriteSession(db)
                let base = session.version
                var prev: [UInt8]?
                for (i, c) in moved.enumerated() {
                    // The original causal past, less what left the log; plus the new id's own chain.
                    var deps = VersionVector()
                    for (d, s) in c.causalPast.sorted { deps[d] = min(s, base[d]) }
                    // The new id's own hash chain (Protocol/SPEC.md §3.6).
                    var digests: [DeviceID: [UInt8]] = [:]
                    for (d, s) in deps.sorted { digests[d] = try Store.digest(of: Dot(device: d, seq: s), in: session) ?? ChangeCodec.unknownDigest }
                    let change = Change(device: new, seq: UInt64(i + 1), hlc: c.hlc, deps: deps, ops: c.ops, prev: prev, depDigests: digests)
                    prev = change.digest()
                    if try session.applyAndLog(change) { mergesChanged = true }
                    maxHLC = max(maxHLC, c.hlc)
                }
                if mergesChanged { try session.recomputeSurvivors() }
                try WriteSession.setClock(maxHLC, of: new, db)
                return .commit
            }
        }
        return new
    }

    /// The meta key of the ids this database re-keyed away from: hex ids, comma-separated, oldest first.
    public static let gaveUpIDsKey = "retiredDevice"

    /// Makes `new` this database's device id (inside the caller's transaction) and notes `old`
    /// among the ids it gave up, after the others (oldest first): the sync retires each
    /// (Protocol/SPEC.md §3.7, "A re-keyed id").
    static func adopt(_ new: DeviceID, name: String, givingUp old: DeviceID, _ db: Database) throws {
        try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'device'", arguments: [new.hex])
        // The clock stays this database's: it moves to the new id's row.
        try db.execute(sql: "INSERT INTO device (id, name, clock) VALUES (?, ?, (SELECT clock FROM device WHERE id = ?))", arguments: [new, name, old])
        try db.execute(sql: """
            INSERT INTO meta (key, value) VALUES ('\(gaveUpIDsKey)', ?)
            ON CONFLICT(key) DO UPDATE SET value = value || ',' || excluded.value
            """, arguments: [old.hex])
    }

    /// Empties the log and every materialized table (inside the caller's transaction).
    static func clearMaterialized(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM change; DELETE FROM recordRegisters; DELETE FROM recordChange; DELETE FROM conflict; UPDATE device SET maxSeq = 0")
        try db.execute(sql: "DELETE FROM historyMark")
        for entity in Schema.all { try db.execute(sql: "DELETE FROM \(StoreMigrations.quoted(entity.name))") }
    }
}
