import Foundation
import GRDB
import Testing
import TouchbaseCore
@testable import TouchbaseStore
import TouchbaseTestSupport

/// A batch that touches more records than the register cache holds (an import's batch of 20,000
/// Changes; here a cache of 256 records and a batch of 900) reads its records' registers a part at
/// a time, in a few queries: never one query per record, as it did once a record read on the side
/// (the contact an interaction shows under) overflowed the cache and emptied it.
@Suite struct StoreLargeBatchReadTests {
    /// The register cache of b's transactions (small, so that a batch of hundreds overflows it as
    /// one of 20,000 overflows the default).
    static let cacheRecords = 256
    static let contacts: UInt64 = 100
    static let interactions: UInt64 = 900

    @Test func aBatchLargerThanTheCacheReadsItsRecordsInParts() throws {
        #expect(Self.interactions > UInt64(Self.cacheRecords), "the batch must not fit in the cache")
        let stores = try TempStores()
        defer { stores.cleanup() }
        let a = try stores.make("a", device: 1)
        var env = StoreEnvironment(now: { stores.clock.now },
                                   makeRecordID: { var g = SystemRandomNumberGenerator(); return .random(using: &g) },
                                   makeDeviceID: { Fixtures.device(2) })
        env.registerCacheRecords = Self.cacheRecords
        let b = try Store.create(at: stores.path("b"), deviceName: "b", environment: env)
        var ops: [Op] = []
        for n in 1...Self.contacts {
            ops += RecordOps.put("contact", Fixtures.record(n), [("name", .text("Person \(n)")), ("stage", .text("want"))])
        }
        try a.commit(ops)
        try b.apply(try a.changes(of: Fixtures.device(1), after: 0))
        let seen = try a.version()[Fixtures.device(1)]

        // Interactions in Changes of 30, each under a contact the batch does not touch.
        ops = []
        for n in 1...Self.interactions {
            let contact = Fixtures.record(1 + n % Self.contacts)
            ops += RecordOps.put("interaction", Fixtures.record(100_000 + n), [
                ("contact", .ref(contact)), ("date", .date(CalendarDate(year: 2026, month: 3, day: 1 + Int(n % 28))!)),
                ("kind", .text("follow-up")), ("status", .text("done")),
            ])
            if ops.count >= 30 * 4 { try a.commit(ops); ops = [] }
        }
        if !ops.isEmpty { try a.commit(ops) }
        let batch = try a.changes(of: Fixtures.device(1), after: seen)

        let statements = try StoreWriteCacheTests.statements(of: b) {
            let report = try b.apply(batch)
            #expect(report.applied.count == batch.count)
        }
        let oneRecordReads = statements.filter { $0.contains("FROM recordRegisters WHERE record = ") && $0.contains("AND entity") }
        #expect(oneRecordReads.count < 50, "\(oneRecordReads.count) registers rows read one record at a time")
        try StoreOracle.expectLogAndRegistersAgree(b)
        #expect(try StoreOracle.snapshot(b) == (try StoreOracle.snapshot(a)))
        let rows = try b.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM interaction WHERE deleted = 0 AND contact IS NOT NULL") }
        #expect(rows == Int(Self.interactions))
    }
}
