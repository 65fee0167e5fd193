import Foundation
import GRDB
import Testing
import TouchbaseCore
@testable import TouchbaseStore
import TouchbaseTestSupport

/// What one local edit of one field costs the database: the statements it runs and the pages its
/// commit appends to the WAL (what the fsync must write), and that the record's registers row it
/// writes by splicing is the row a full encoding gives.
@Suite struct StoreSingleEditTests {
    static func put(_ n: UInt64, _ field: String, _ text: String) -> [Op] {
        RecordOps.put("contact", Fixtures.record(n), [(field, .text(text))])
    }

    /// 200 contacts of 6 fields, then the WAL emptied.
    static func preloaded(_ stores: TempStores) throws -> Store {
        let store = try stores.make("a", device: 1)
        var ops: [Op] = []
        for n in 1...200 as ClosedRange<UInt64> {
            ops += RecordOps.put("contact", Fixtures.record(n), [("name", .text("Person \(n)")), ("organization", .text("Org \(n % 7)")),
                                                                 ("role", .text("Role")), ("notes", .text("first notes")),
                                                                 ("stage", .text("want")), ("emails", .texts(["p\(n)@example.com"]))])
        }
        try store.commit(ops)
        try store.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        return store
    }

    @Test func aSecondEditRunsNoStatementToLookForOtherWriters() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let a = try Self.preloaded(stores)
        try a.commit(Self.put(1, "notes", "one"))
        let second = try StoreWriteCacheTests.statements(of: a) { try a.commit(Self.put(2, "notes", "two")) }
        #expect(second.contains { $0.contains("data_version") } == false, "the file's data version is read without a statement")
        #expect(second.contains { $0.contains("FROM device") } == false, "and the edit before is reused")
    }

    @Test func aSingleEditAppendsFewPagesToTheWAL() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let a = try Self.preloaded(stores)
        let wal = stores.path("a") + "-wal"
        let pageSize = try a.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096 }
        let before = try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int ?? 0
        let edits = 100
        for i in 0..<edits {
            let n = UInt64(i * 7 % 200 + 1)
            try a.commit(i % 2 == 0 ? Self.put(n, "notes", "edit \(i)") : Self.put(n, "stage", ["docket", "pending", "active"][i % 3]))
        }
        let after = try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int ?? 0
        // A WAL file: a 32-byte header, then frames of a 24-byte header and one page.
        let frames = Double(after - max(before, 32)) / Double(pageSize + 24)
        let perEdit = frames / Double(edits)
        // Measured (pages per edit, by b-tree): the log 1.24 (its leaf, and its parent when a leaf
        // fills, about every fifth edit), the device row 1, the contact row 1, the registers row 1,
        // the stage index 0.78 (1.56 per stage edit: the old and the new entry), page 1 0.03 (the
        // file grew): 5.05. A raw upsert of the same cells writes the contact row and the stage
        // index: 1.8.
        #expect(perEdit >= 3 && perEdit <= 5.5, "\(perEdit) pages per edit")
        try StoreOracle.expectLogAndRegistersAgree(a)
    }

    @Test func aRecordsRowWrittenBySplicingIsItsFullEncoding() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let a = try Self.preloaded(stores)
        let b = try stores.make("b", device: 2)
        // Concurrent values from another device: registers of two values.
        for n in 1...5 as ClosedRange<UInt64> { try b.commit(Self.put(n, "notes", "from b \(n)")) }
        _ = try a.apply(try b.changes(of: Fixtures.device(2), after: 0))
        for n in 1...10 as ClosedRange<UInt64> {
            try a.commit(Self.put(n, "notes", "again \(n)"))
            try a.commit(RecordOps.put("contact", Fixtures.record(n), [("phones", .texts(["+1 555 0100 \(n)"]))]))
            try a.commit(RecordOps.put("contact", Fixtures.record(n), [("role", .null)]))
        }
        try StoreOracle.expectRegisterRowsAreFullEncodings(a)
        try StoreOracle.expectLogAndRegistersAgree(a)
    }
}
