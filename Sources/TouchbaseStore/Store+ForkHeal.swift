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
        for (original, t, encoding) in map.added {
            try db.execute(sql: "INSERT INTO forkMoved (original, device, seq, digest) VALUES (?, ?, ?, ?) ON CONFLICT(original) DO UPDATE SET device = excluded.device, seq = excluded.seq, digest = excluded.digest",
                           arguments: [Data(original), t.dot.device, Int64(bitPattern: t.dot.seq), Data(t.digest)])
            try db.execute(sql: "INSERT INTO forkOriginal (original, data) VALUES (?, ?) ON CONFLICT(original) DO NOTHING",
                           arguments: [Data(original), Data(encoding)])
        }
    }

    /// The digest, as its author signed it, of the applied Change at `dot` (Protocol/SPEC.md §3.6:
    /// links name Changes by that digest, wherever healing reads them); nil when this database has
    /// not applied it and no snapshot it was seeded from covered it.
    public func originalDigest(_ dot: Dot) throws -> [UInt8]? {
        try writer.read { db in
            if let original = try Store.movedOriginal(at: dot, db) { return original }
            if let data = try Store.storedChange(dot, db) { return SHA256Digest.hash(data) }
            return try Store.snapshotDigest(of: dot, db)
        }
    }

    /// The encoding, as its author signed it, of the applied Change at `dot`; nil when the log lacks it.
    public func originalEncoding(_ dot: Dot) throws -> [UInt8]? {
        try writer.read { db in
            if let original = try Store.movedOriginal(at: dot, db) {
                return try Data.fetchOne(db.cachedStatement(sql: "SELECT data FROM forkOriginal WHERE original = ?"),
                                         arguments: [Data(original)]).map { [UInt8]($0) } ?? Store.storedChange(dot, db)
            }
            return try Store.storedChange(dot, db)
        }
    }

    /// `device`'s Changes after `seq` as their author signed them (what its files hold): a Change
    /// stored in healed form is given as its original, and one that healing reads under `device`
    /// but that was signed under another id is left out (files of that id hold it).
    public func signedChanges(of device: DeviceID, after seq: UInt64, limit: Int = .max) throws -> [Change] {
        let stored = try changes(of: device, after: seq, limit: limit)
        guard try writer.read({ db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM forkMoved)") }) == true else { return stored }
        return try stored.compactMap { c in
            guard let data = try originalEncoding(c.dot), let original = try ChangeCodec.decode(data).first else { return c }
            return original.dot == c.dot ? original : nil
        }
    }

    /// The original digest of the Change healing moved to `dot`, when it moved one there.
    static func movedOriginal(at dot: Dot, _ db: Database) throws -> [UInt8]? {
        guard let seq = Int64(exactly: dot.seq) else { return nil }
        return try Data.fetchOne(db.cachedStatement(sql: "SELECT original FROM forkMoved WHERE device = ? AND seq = ?"),
                                 arguments: [dot.device, seq]).map { [UInt8]($0) }
    }

    static func storedChange(_ dot: Dot, _ db: Database) throws -> [UInt8]? {
        guard let seq = Int64(exactly: dot.seq) else { return nil }
        return try Data.fetchOne(db.cachedStatement(sql: "SELECT c.data FROM change c JOIN device d ON d.idx = c.dev WHERE d.id = ? AND c.seq = ?"),
                                 arguments: [dot.device, seq]).map { [UInt8]($0) }
    }

    /// Applies the heals of `map` to what this database already applied (Protocol/SPEC.md §3.6,
    /// "Healing"): every Change of its log is read again from its original (as its author signed
    /// it) under all the heals, so the healed log is the same whatever order the heals were
    /// learned in, and the state is derived again from it — a function of the set of Changes, so
    /// registers, conflicts, the version vector and marks all follow. When this database's own
    /// newest Change is read under another id, it goes on under that id.
    ///
    /// A database whose log lacks Changes it applied (seeded from a snapshot, see ``logBase()``)
    /// derives its state again from `base`, a snapshot, then `supplement` (the Changes, as signed,
    /// that it applied and its log lacks beyond `base`, read from verified files) and its log's
    /// Changes; `nextPart` gives the snapshot's records part by part. It must do so when the log
    /// moves, and also when what the log lacks reaches a healed id's fork point while it holds
    /// nothing of the derived id: the state it was seeded with may hold the renamed history under
    /// the forked id. `base` then covers none of that id's Changes from the fork point.
    ///
    /// `kept` names forked ids whose Changes in the seeded state the caller found (from their
    /// signed files) to be on the history that keeps the id: nothing of them moves. `seeded` are
    /// Changes, as signed, that the seeded state holds and the log lacks, which healing reads
    /// elsewhere (the caller read `base` under the heal): where they are read is kept with the
    /// map, so that Changes naming them are read alike, now and at every later heal.
    ///
    /// - Returns: this database's device id afterwards (the derived id when its own history was
    ///   renamed), and whether anything in the log moved. `map` holds the moves afterwards.
    /// - Throws: ``StoreError/Code/healNeedsSnapshot`` when the state must be derived again, the
    ///   log lacks Changes this database applied, and `base` with `supplement` does not give them
    ///   all back, or `base` covers a forked id's Changes from its fork point (nothing is changed then);
    ///   ``StoreError/Code/healWouldDropOwnChanges`` when one of this database's own Changes, read
    ///   under the heals, would rest on a Change the log lacks (nothing is changed then either).
    @discardableResult
    public func heal(_ map: inout ForkHealMap, base: SnapshotInfo? = nil, supplement: [Change] = [], kept: Set<DeviceID> = [],
                     seeded seededOriginals: [Change] = [],
                     nextPart: () throws -> [SnapshotRecord]? = { nil }) throws -> (device: DeviceID, changed: Bool) {
        let old = try device
        let name = try metaValue("deviceName") ?? "device"
        var outcome = (device: old, changed: false)
        var fresh = map.withoutMoves
        try writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                var originals: [Dot: [UInt8]] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT m.device, m.seq, o.data FROM forkMoved m JOIN forkOriginal o ON o.original = m.original") {
                    guard let raw = ID128(bytes: [UInt8](row["device"] as Data)) else { continue }
                    originals[Dot(device: DeviceID(raw), seq: UInt64(bitPattern: row["seq"] as Int64))] = [UInt8](row["data"] as Data)
                }
                var all: [Change] = []
                for data in try Data.fetchAll(db, sql: "SELECT data FROM change") { all += try ChangeCodec.decode([UInt8](data)) }
                // The stored (healed) forms keep every Change after its parent and dependencies:
                // their causal order is an order to read the originals in.
                var ordered: [Change] = []
                let lacks = try Store.logBase(all, applied: WriteSession(db).version)
                let seeded = !lacks.sorted.isEmpty
                // The seeded state may hold a renamed history under its forked id (SPEC §3.6).
                let seededMoves = fresh.heals.contains { lacks[$0.device] >= $0.seq && lacks[$0.derived] == 0 && !kept.contains($0.device) }
                var given: [Change] = []
                if seeded, let base {
                    // Read from the base on: what the log lacks beyond it comes from `supplement`,
                    // in its causal order (as signed, within what the log lacks).
                    given = supplement.filter { !base.covers.contains($0.dot) && $0.seq <= lacks[$0.device] }
                    var below = lacks
                    for c in given { below[c.device] = min(below[c.device], c.seq - 1) }
                    _ = try CausalScheduler.run(given, version: &below) { ordered.append($0) }
                    if ordered.count < given.count { throw StoreError(.healNeedsSnapshot) }
                }
                var version = lacks
                _ = try CausalScheduler.run(all, version: &version) { ordered.append($0) }
                // Moved Changes the seeded state holds and the log lacks: read first, in order.
                let logged = Set(all.map(\.dot))
                var outside = seededOriginals
                for (dot, data) in originals where !logged.contains(dot) && lacks.contains(dot) { outside += try ChangeCodec.decode(data) }
                var seen = Set<[UInt8]>()
                for c in outside.sorted(by: { ($0.seq, $0.device) < ($1.seq, $1.device) }) where seen.insert(c.digest()).inserted {
                    fresh.noteStored(c, as: fresh.transform(c))
                }
                var healed: [Change] = []
                healed.reserveCapacity(ordered.count)
                /// Where this database's own Changes are read now.
                var own = Set<Dot>()
                for c in ordered {
                    let original = try originals[c.dot].flatMap { try ChangeCodec.decode($0).first } ?? c
                    let h = fresh.transform(original)
                    fresh.noteStored(original, as: h)
                    healed.append(h)
                    if original.device == old || h.device == old { own.insert(h.dot) }
                }
                try db.execute(sql: "DELETE FROM forkMoved; DELETE FROM forkOriginal")
                try Store.save(fresh, db)
                guard healed != ordered || seededMoves else { return .commit }
                if seeded {
                    // The state the log lacks comes from the snapshot and the supplement (every
                    // Change of both applied below, or nothing changes); no Change that moves may be
                    // in the snapshot, nor any of a healed id's Changes from its fork point.
                    guard let base,
                          !zip(ordered, healed).contains(where: { $0 != $1 && (base.covers.contains($0.dot) || base.covers.contains($1.dot)) }),
                          !fresh.heals.contains(where: { lacks[$0.device] >= $0.seq && !kept.contains($0.device) && base.covers[$0.device] >= $0.seq }) else {
                        throw StoreError(.healNeedsSnapshot)
                    }
                }
                outcome.changed = true
                var me = old
                if let newest = ordered.indices.last(where: { ordered[$0].device == old }) { me = healed[newest].device }
                try Store.clearMaterialized(db)
                if seeded, let base { try Store.fill(from: base, nextPart: nextPart, db) }
                if me != old {
                    try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'device'", arguments: [me.hex])
                    try db.execute(sql: "INSERT INTO device (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name", arguments: [me, name])
                }
                var session = try WriteSession(db)
                var mergesChanged = false
                var v = session.version
                let pending = healed.filter { !v.contains($0.dot) }
                var replayed = 0
                _ = try CausalScheduler.run(pending, version: &v) { c in
                    replayed += 1
                    if try session.applyAndLog(c) { mergesChanged = true }
                }
                // A seeded log derived again loses nothing it applied: else nothing changes (the
                // caller tries a base that gives it all back).
                if seeded, replayed < pending.count { throw StoreError(.healNeedsSnapshot) }
                // Another device's Change whose healed form rests on a Change the log lacks leaves the
                // log (its file is read again, and it applies once that Change has); this database's
                // own Changes have no other copy that is sure to last: nothing changes then.
                if replayed < pending.count {
                    let dropped = pending.filter { !v.contains($0.dot) && own.contains($0.dot) }.count
                    if dropped > 0 { throw StoreError(.healWouldDropOwnChanges, detail: String(dropped)) }
                }
                if mergesChanged { try session.recomputeSurvivors() }
                if seeded, let base {
                    try session.observeClock(base.clock, wallMilliseconds: environment.now())
                    try Store.setMetaValue("snapshotCovers", base.covers.description, db)
                }
                outcome.device = me
                return .commit
            }
        }
        fresh.markStored()
        map = fresh
        return outcome
    }
}

extension Store {
    /// What this database applied that its log lacks: per device, the Changes below the first one
    /// its log holds (all it applied when the log holds none). Empty unless it was seeded from a
    /// snapshot (Protocol/SPEC.md §7.6); healing such a database needs a snapshot covering this.
    public func logBase() throws -> VersionVector {
        try writer.read { db in
            var all: [Change] = []
            for data in try Data.fetchAll(db, sql: "SELECT data FROM change") { all += try ChangeCodec.decode([UInt8](data)) }
            return try Store.logBase(all, applied: WriteSession(db).version)
        }
    }

    static func logBase(_ log: [Change], applied: VersionVector) -> VersionVector {
        var lowest: [DeviceID: UInt64] = [:]
        for c in log { lowest[c.device] = min(lowest[c.device] ?? .max, c.seq) }
        var lacks = VersionVector()
        for (d, s) in applied.sorted {
            let below = min(s, (lowest[d] ?? s + 1) - 1)
            if below > 0 { lacks[d] = below }
        }
        return lacks
    }
}
