import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

@Suite struct StoreSmokeTests {
    @Test func editSyncAndConflict() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let clock = TestClock()
        let env = StoreEnvironment(now: { clock.now }, makeRecordID: { Fixtures.record(1) }, makeDeviceID: { var g = SystemRandomNumberGenerator(); return .random(using: &g) })
        let a = try Store.create(at: dir.appendingPathComponent("a.sqlite").path, deviceName: "a", environment: env)
        let b = try Store.create(at: dir.appendingPathComponent("b.sqlite").path, deviceName: "b", environment: env)
        let id = Fixtures.record(1)
        let c1 = try #require(try a.commit([Op(entity: "contact", record: id, field: "name", value: .text("Ada"))]))
        #expect(try b.apply([c1]).applied == [c1.dot])
        clock.advance(milliseconds: 10)
        let ca = try #require(try a.commit([Op(entity: "contact", record: id, field: "stage", value: .text("docket"))]))
        let cb = try #require(try b.commit([Op(entity: "contact", record: id, field: "stage", value: .text("pending"))]))
        _ = try a.apply([cb]); _ = try b.apply([ca, ca])
        #expect(try a.conflicts() == b.conflicts())
        #expect(try a.conflicts().count == 1)
        #expect(try a.record("contact", id: id) == b.record("contact", id: id))
        let fix = try #require(try a.commit([Op(entity: "contact", record: id, field: "stage", value: .text("active"))]))
        _ = try b.apply([fix])
        #expect(try b.conflicts().isEmpty)
        #expect(try b.find("contact", "ada").text("stage") == "active")
        #expect(try b.history(of: id).count == 4)
    }
}

@Suite struct StoreDurabilityTests {
    @Test func databaseIsWALWithFullSync() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.sqlite").path
        _ = try Store.create(at: path, deviceName: "t")
        let store = try Store.open(at: path)
        let (mode, sync) = try store.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(mode == "wal")
        #expect(sync == 2, "synchronous must be FULL (2)")
    }
}
