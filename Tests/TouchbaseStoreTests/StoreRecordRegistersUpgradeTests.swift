import Foundation
import GRDB
import Testing
import TouchbaseCore
@testable import TouchbaseStore
import TouchbaseTestSupport

/// A database of the version that kept one `register` row per value (before migration
/// `perf-v2-record-registers`) upgrades to one row per record with everything a user or a peer
/// can observe unchanged: registers with their concurrent values, conflicts, rows, deletes,
/// survivors, the log, the version, compacted history and the snapshot it would write.
@Suite struct StoreRecordRegistersUpgradeTests {
    /// Turns a database of the current schema back into the previous one: the `register` table of
    /// migration `v1-log`, one row per value, and the migration not run.
    static func downgrade(_ path: String) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE register (
                    record BLOB NOT NULL,
                    field TEXT NOT NULL,
                    entity TEXT NOT NULL,
                    dev INTEGER NOT NULL,
                    seq INTEGER NOT NULL,
                    hlc INTEGER NOT NULL,
                    value BLOB NOT NULL,
                    PRIMARY KEY (record, entity, field, dev)) WITHOUT ROWID;
                """)
            var rows = 0
            for row in try Row.fetchAll(db, sql: "SELECT record, entity, data FROM recordRegisters") {
                for field in try RegisterBlob.entries([UInt8](row[2] as Data)) {
                    for v in field.values {
                        try db.execute(sql: "INSERT INTO register (record, field, entity, dev, seq, hlc, value) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                       arguments: [row[0] as Data, field.name, row[1] as String, v.dev, Int64(bitPattern: v.seq),
                                                   Int64(bitPattern: v.hlc), Data(v.value)])
                        rows += 1
                    }
                }
            }
            try db.execute(sql: "DROP TABLE recordRegisters")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'perf-v2-record-registers'")
            return rows
        }
    }

    /// What the Store shows, and what it would put in a snapshot.
    struct Observed: Equatable {
        var summary: String
        var rows: [TouchbaseStore.Record] = []
        var compacted: [Int] = []
        var snapshot: [[SnapshotRecord]] = []
        var covers = VersionVector()
    }

    static func observed(_ store: Store, records: [RecordID]) throws -> Observed {
        var out = Observed(summary: try StoreOracle.snapshot(store))
        for entity in ["contact", "hub", "interaction"] {
            var q = RecordQuery(entity: entity)
            q.includeHidden = true
            out.rows += try store.records(q)
        }
        out.compacted = try records.map { try store.compactedHistory(of: $0) }
        out.covers = try store.dumpSnapshot(partBytes: 1 << 20) { out.snapshot.append($0) }.covers
        return out
    }

    @Test func anUpgradedDatabaseShowsTheSameState() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("old.sqlite").path
        let clock = TestClock()
        let env = StoreEnvironment(now: { clock.now }, makeRecordID: { Fixtures.record(1) }, makeDeviceID: { Fixtures.device(1) })

        // Three devices editing tiny pools concurrently: conflicts, deletes, merges, touches, and a
        // field of an entity this version does not know (kept in the registers only).
        var rng = SeededGenerator(seed: 2026)
        var peers = (2...4).map { Replica(device: Fixtures.device(UInt64($0))) }
        var changes: [Change] = []
        for step in 0..<60 {
            let i = Int.random(in: 0..<peers.count, using: &rng)
            var ops = StoreOracle.randomOps(using: &rng)
            if step % 17 == 0 { ops.append(Op(entity: "futureThing", record: Fixtures.record(9), field: "size", value: .int(Int64(step)))) }
            changes.append(peers[i].commit(ops, wallMilliseconds: 1_767_603_600_000 + UInt64(step)))
            if step % 7 == 0 { for j in peers.indices where j != i { _ = peers[j].receive(changes) } }
        }
        let records = StoreOracle.pool + [Fixtures.record(9)]
        let before: Observed
        do {
            let store = try Store.create(at: path, deviceName: "old", environment: env)
            let report = try store.apply(changes)
            #expect(report.applied.count == changes.count)
            try store.commit([Op(entity: "contact", record: Fixtures.record(2), field: "name", value: .text("Local"))])
            #expect(try !store.conflicts().isEmpty)
            before = try Self.observed(store, records: records)
        }
        let rows = try Self.downgrade(path)
        #expect(rows > 20)

        let upgraded = try Store.open(at: path, environment: env)
        #expect(try Self.observed(upgraded, records: records) == before)
        try StoreOracle.expectLogAndRegistersAgree(upgraded)
        #expect(try upgraded.read { try $0.tableExists("register") } == false)
        // And it keeps merging: one more edit on each side of a conflict.
        try upgraded.commit([Op(entity: "contact", record: Fixtures.record(1), field: "notes", value: .text("after"))])
        _ = try upgraded.apply([peers[0].commit([Op(entity: "contact", record: Fixtures.record(3), field: "name", value: .text("Zed"))],
                                                wallMilliseconds: 1_767_603_700_000)])
        try StoreOracle.expectLogAndRegistersAgree(upgraded)
    }
}
