import Foundation
import GRDB
import TouchbaseCore

extension Store {
    /// Starts this database again from a snapshot, keeping every Change of its log that the
    /// snapshot does not cover (Protocol/SPEC.md §3.7, "Re-seeding"): for a device that was away
    /// past garbage collection and lacks Changes that no file in the shared folder holds any more.
    ///
    /// In one write transaction: the state is replaced by the snapshot's (registers with every
    /// concurrent value, statuses, conflicts, kept causal pasts, covered vector, head digests,
    /// clock), then the log's Changes the snapshot does not cover — this device's own offline
    /// edits among them, with their ids, sequence numbers, stamps and links — are applied on top
    /// and kept in the log. The result is the state of the union of both sets of Changes. Killed
    /// half way, nothing changed.
    ///
    /// - returns: how many of the log's Changes were applied on top (own and others').
    /// - throws: ``StoreError/Code/notEmpty`` when the snapshot cannot stand for what this
    ///   database knows only through an earlier snapshot or a compacted log (it must cover all of
    ///   that), when it covers own Changes this database lacks or holds differently (a copy
    ///   published under this id), or when an own Change would not apply on top of it. Nothing is
    ///   changed then.
    @discardableResult
    public func reseed(_ info: SnapshotInfo, nextPart: () throws -> [SnapshotRecord]?) throws -> Int {
        try writer.writeWithoutTransaction { db in
            var kept = 0
            try db.inTransaction(.immediate) {
                kept = try Store.reseed(info, nextPart: nextPart, db, now: environment.now())
                return .commit
            }
            return kept
        }
    }

    private static func reseed(_ info: SnapshotInfo, nextPart: () throws -> [SnapshotRecord]?, _ db: Database, now: UInt64) throws -> Int {
        guard let me = try DeviceID(hex: String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'device'") ?? "") else {
            throw StoreError.corrupt("no device id")
        }
        let before = try WriteSession(db)
        let applied = before.version
        var log: [Change] = []
        for data in try Data.fetchAll(db, sql: "SELECT data FROM change") { log += try ChangeCodec.decode([UInt8](data)) }
        // What the log holds of each device: from its lowest sequence number up. Everything applied
        // below that came from an earlier snapshot (or left a compacted log): the new one must cover it.
        var lowest: [DeviceID: UInt64] = [:]
        for c in log { lowest[c.device] = min(lowest[c.device] ?? .max, c.seq) }
        for (d, s) in applied.sorted {
            let known = (lowest[d] ?? s + 1) - 1
            guard info.covers[d] >= known else {
                throw StoreError(.notEmpty, detail: "the snapshot covers less than this database holds only through an earlier snapshot")
            }
        }
        guard info.covers[me] <= applied[me] else {
            throw StoreError(.notEmpty, detail: "the snapshot covers changes of this device that this database lacks")
        }
        if info.covers[me] > 0, let head = info.heads[me], head != ChangeCodec.unknownDigest,
           let mine = try digest(of: Dot(device: me, seq: info.covers[me]), in: before), mine != head {
            throw StoreError(.notEmpty, detail: "the snapshot holds another history of this device")
        }
        let keep = log.filter { !info.covers.contains($0.dot) }

        try clearMaterialized(db)
        try Store.fill(from: info, nextPart: nextPart, db)
        var session = try WriteSession(db)
        var version = session.version
        var mergesChanged = false
        let outcome = try CausalScheduler.run(keep, version: &version) { c in
            if try session.applyAndLog(c) { mergesChanged = true }
        }
        guard !outcome.waiting.contains(where: { $0.device == me }) else {
            throw StoreError(.notEmpty, detail: "an own change would not apply on top of the snapshot")
        }
        if mergesChanged { try session.recomputeSurvivors() }
        try session.observeClock(info.clock, wallMilliseconds: now)
        try setMetaValue("snapshotCovers", info.covers.description, db)
        return outcome.applied.count
    }
}
