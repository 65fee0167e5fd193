import Foundation
import GRDB
import TouchbaseCore

extension Store {
    /// Seeds an empty database from a snapshot (Protocol/SPEC.md §7.6): its registers, record
    /// statuses, open conflicts and kept causal pasts, then the covered vector, the head digests
    /// and the clock. One write transaction: killed half way, the database is as empty as before.
    ///
    /// `nextPart` is called until it returns nil; each call hands over one part's records, so
    /// memory holds one part. The entity tables' secondary indexes are built once at the end, and
    /// the search index is noted for a rebuild once per table (``DeferredIndexes``).
    ///
    /// - throws: ``StoreError/Code/notEmpty`` when this database has applied or made any Change
    ///   (a snapshot seeds only an empty database); whatever `nextPart` throws (nothing is kept).
    public func loadSnapshot(_ info: SnapshotInfo, nextPart: () throws -> [SnapshotRecord]?) throws {
        try writeSession { session in
            let me = try DeviceID(hex: String.fetchOne(session.db, sql: "SELECT value FROM meta WHERE key = 'device'") ?? "")
            guard session.version.entries.values.allSatisfy({ $0 == 0 }),
                  try Int.fetchOne(session.db, sql: "SELECT count(*) FROM recordRegisters") == 0 else {
                throw StoreError(.notEmpty, detail: "the database already holds changes")
            }
            if let me, info.covers[me] > 0 {
                throw StoreError(.notEmpty, detail: "the snapshot covers this device's own changes")
            }
            try Store.fill(from: info, nextPart: nextPart, session.db)
            try session.observeClock(info.clock, wallMilliseconds: environment.now())
            try Store.setMetaValue("snapshotCovers", info.covers.description, session.db)
        }
    }

    /// Fills the empty state tables from a snapshot: its records part by part (the entity tables'
    /// secondary indexes and search notes made once, after the rows: ``DeferredIndexes``), then the
    /// covered vector as each device's head and the head digests. Seeding, re-seeding and healing a
    /// seeded log all start from it; runs inside their write transaction.
    static func fill(from info: SnapshotInfo, nextPart: () throws -> [SnapshotRecord]?, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM snapshotDot")
        let deferred = try DeferredIndexes.setAside(db)
        var loader = SnapshotLoader(session: try WriteSession(db))
        while let records = try nextPart() {
            for record in records { try loader.load(record) }
        }
        try deferred.restore(db)
        for (d, s) in info.covers.sorted {
            let idx = try loader.session.index(of: d)
            try db.execute(sql: "UPDATE device SET maxSeq = ? WHERE idx = ?", arguments: [Int64(clamping: s), idx])
            let digest = info.heads[d].flatMap { $0 == ChangeCodec.unknownDigest ? nil : Data($0) }
            try db.execute(sql: """
                INSERT INTO snapshotDot (device, seq, digest) VALUES (?, ?, ?)
                ON CONFLICT(device, seq) DO UPDATE SET digest = excluded.digest
                """, arguments: [d, Int64(clamping: s), digest])
        }
    }

    /// What this database was seeded from: the covered vector's description, or nil.
    public func seededSnapshot() throws -> String? { try metaValue("snapshotCovers") }
}
