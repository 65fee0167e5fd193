import Foundation
import GRDB
import TouchbaseCore

extension Store {
    /// The meta key of what the log dropped: for each device, the highest sequence number up to
    /// which its Changes may be missing from the log.
    static let compactedKey = "logCompacted"

    /// Drops from the local change log the Changes at or below `horizon` (Protocol/SPEC.md §3.7,
    /// "The local log"): the caller passes what a snapshot of this device's own covers and every
    /// active device acknowledged. Each device's newest applied Change stays (its digest is the link
    /// of the next one, §3.6). The state is untouched; the causal past of a delete or a merge that
    /// leaves the log is kept (the merge rules need it), as a snapshot keeps it. The record ↔ change
    /// index stays, so a record's history can tell how many of its changes were compacted.
    ///
    /// - returns: how many Changes left the log.
    @discardableResult
    public func compactLog(through horizon: VersionVector) throws -> Int {
        try writeSession { session in
            // The history index keeps the Changes that leave the log: it holds them all first.
            try Store.indexHistory(session.db)
            var compacted = try Store.compacted(session.db)
            var dropped = 0
            for (device, limit) in horizon.sorted {
                let cut = min(limit, session.version[device] &- 1)
                guard cut > compacted[device], cut >= 1, let idx = session.indexOf[device], let upper = Int64(exactly: cut) else { continue }
                let rows = try Row.fetchAll(session.db, sql: "SELECT seq, data FROM change WHERE dev = ? AND seq <= ?", arguments: [idx, upper])
                let keepPast = try session.db.cachedStatement(sql: """
                    INSERT INTO snapshotDot (device, seq, past) VALUES (?, ?, ?) ON CONFLICT(device, seq) DO UPDATE SET past = excluded.past
                    """)
                for row in rows {
                    for c in try ChangeCodec.decode([UInt8](row["data"] as Data))
                    where c.ops.contains(where: { SnapshotRecord.needsPast(field: $0.field, value: $0.value) }) {
                        try keepPast.execute(arguments: [device, Int64(clamping: c.seq), Data(SnapshotDots.encodePast(c.causalPast))])
                    }
                }
                try session.db.execute(sql: "DELETE FROM change WHERE dev = ? AND seq <= ?", arguments: [idx, upper])
                dropped += rows.count
                compacted[device] = cut
            }
            if dropped > 0 { try Store.setMetaValue(Store.compactedKey, Store.compactedText(compacted), session.db) }
            return dropped
        }
    }

    /// For each device, the highest sequence number up to which the log may lack its Changes
    /// (compacted); empty when the log was never compacted.
    public func compactedLog() throws -> VersionVector {
        try writer.read { db in try Store.compacted(db) }
    }

    static func compacted(_ db: Database) throws -> VersionVector {
        var v = VersionVector()
        for item in (try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [compactedKey]) ?? "").split(separator: ",") {
            let pair = item.split(separator: ":")
            if pair.count == 2, let d = DeviceID(hex: String(pair[0])), let s = UInt64(pair[1]) { v[d] = s }
        }
        return v
    }

    /// `<device hex>:<seq>,…`
    static func compactedText(_ v: VersionVector) -> String {
        v.sorted.map { "\($0.device.hex):\($0.seq)" }.joined(separator: ",")
    }

    /// How much of a record's history is no longer in the log: the Changes that touched it whose
    /// log entries were compacted, plus the current values whose Change the log lacks (compacted,
    /// or known only through the snapshot this database was seeded from).
    public func compactedHistory(of record: RecordID) throws -> Int {
        try Store.withHistoryIndex(writer) { db in
            let indexed = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM recordChange r WHERE r.record = ?
                AND NOT EXISTS (SELECT 1 FROM change c WHERE c.dev = r.dev AND c.seq = r.seq)
                """, arguments: [record]) ?? 0
            // The dots of the record's current values (every entity's), then those neither the log
            // nor the record's index holds.
            var dots = Set<[Int64]>()
            for data in try Data.fetchAll(db, sql: "SELECT data FROM recordRegisters WHERE record = ?", arguments: [record]) {
                for field in try RegisterBlob.entries([UInt8](data)) {
                    for v in field.values { dots.insert([v.dev, Int64(bitPattern: v.seq)]) }
                }
            }
            let logged = try db.cachedStatement(sql: """
                SELECT (EXISTS (SELECT 1 FROM change WHERE dev = ?1 AND seq = ?2)
                        OR EXISTS (SELECT 1 FROM recordChange WHERE record = ?3 AND dev = ?1 AND seq = ?2))
                """)
            var values = 0
            for dot in dots where try Bool.fetchOne(logged, arguments: [dot[0], dot[1], record]) != true { values += 1 }
            return indexed + values
        }
    }
}
