import Foundation
import GRDB
import Testing
import TouchbaseCore
@testable import TouchbaseStore
import TouchbaseTestSupport

/// This device's clock lives in its own device row, beside its sequence number (migration
/// `edit-v1-device-clock`): a local edit writes both in one statement, and the clock still never
/// goes back: not across reopening, a re-key, nor the upgrade of a database that kept it in `meta`.
@Suite struct StoreDeviceClockTests {
    static func put(_ n: UInt64, _ text: String) -> [Op] {
        RecordOps.put("contact", Fixtures.record(n), [("notes", .text(text))])
    }

    /// An environment on `clock` whose device ids are `Fixtures.device(first)`, then the next ones.
    static func environment(_ clock: TestClock, first: UInt64) -> StoreEnvironment {
        let next = Counter(first)
        return StoreEnvironment(now: { clock.now }, makeRecordID: { var g = SystemRandomNumberGenerator(); return .random(using: &g) },
                                makeDeviceID: { Fixtures.device(next.take()) })
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value: UInt64
        init(_ first: UInt64) { value = first }
        func take() -> UInt64 { lock.withLock { defer { value += 1 }; return value } }
    }

    @Test func aLocalEditWritesItsSequenceNumberAndClockInOneStatement() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let a = try stores.make("a", device: 1)
        try a.commit(Self.put(1, "one"))
        let sql = try StoreWriteCacheTests.statements(of: a) { try a.commit(Self.put(1, "two")) }
        let deviceWrites = sql.filter { $0.hasPrefix("UPDATE device") || $0.hasPrefix("INSERT INTO device") }
        #expect(deviceWrites.count == 1, "\(deviceWrites)")
        #expect(deviceWrites.first.map { $0.contains("maxSeq") && $0.contains("clock") } == true, "\(deviceWrites)")
        #expect(sql.contains { $0.hasPrefix("UPDATE meta") || $0.hasPrefix("INSERT INTO meta") } == false, "\(sql)")
        #expect(try a.version()[Fixtures.device(1)] == 2)
    }

    @Test func theClockNeverGoesBackAcrossReopeningAndARekey() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let env = Self.environment(stores.clock, first: 1)
        var last = HLC.zero
        do {
            let a = try Store.create(at: stores.path("a"), deviceName: "a", environment: env)
            for i in 0..<3 { try a.commit(Self.put(1, "edit \(i)")) }
            last = try #require(a.changes(of: Fixtures.device(1), after: 0).last).hlc
        }
        stores.clock.advance(milliseconds: -60_000)
        let a = try Store.open(at: stores.path("a"), environment: env)
        let reopened = try #require(try a.commit(Self.put(1, "after reopening")))
        #expect(reopened.hlc > last)
        let new = try a.rekey(firstDivergent: nil)
        stores.clock.advance(milliseconds: -60_000)
        let rekeyed = try #require(try a.commit(Self.put(1, "after the re-key")))
        #expect(rekeyed.device == new)
        #expect(rekeyed.hlc > reopened.hlc)
        #expect(try a.dumpSnapshot(partBytes: 1 << 20) { _ in }.clock == rekeyed.hlc)
    }

    @Test func anUpgradedDatabaseKeepsTheClockItKeptInMeta() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let env = Self.environment(stores.clock, first: 1)
        var last = HLC.zero
        do {
            let a = try Store.create(at: stores.path("a"), deviceName: "a", environment: env)
            try a.commit(Self.put(1, "before"))
            last = try #require(a.changes(of: Fixtures.device(1), after: 0).last).hlc
        }
        // The previous version: the clock in `meta` (here ahead of the log, as after observing a
        // peer's stamp), no `clock` column, the migration not run.
        let ahead = HLC(raw: last.raw + (30_000 << 16))
        do {
            let queue = try DatabaseQueue(path: stores.path("a"))
            try queue.write { db in
                try db.execute(sql: "ALTER TABLE device DROP COLUMN clock")
                try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('hlc', ?)", arguments: [String(ahead.raw)])
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'edit-v1-device-clock'")
            }
            try queue.close()
        }
        let a = try Store.open(at: stores.path("a"), environment: env)
        #expect(try a.dumpSnapshot(partBytes: 1 << 20) { _ in }.clock == ahead)
        let next = try #require(try a.commit(Self.put(1, "after")))
        #expect(next.hlc > ahead)
        #expect(try a.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'hlc'") } == nil)
    }
}
