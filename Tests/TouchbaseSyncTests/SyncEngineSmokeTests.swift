import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

@Suite struct SyncEngineSmokeTests {
    @Test func twoDevicesConvergeThroughAFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tb-sync-\(UUID().uuidString)")
        let folder = dir.appendingPathComponent("folder")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let clock = TestClock()
        let env = StoreEnvironment(now: { clock.now }, makeRecordID: { var g = SystemRandomNumberGenerator(); return .random(using: &g) },
                                   makeDeviceID: { var g = SystemRandomNumberGenerator(); return .random(using: &g) })
        let a = try Store.create(at: dir.appendingPathComponent("a.sqlite").path, deviceName: "a", environment: env)
        let b = try Store.create(at: dir.appendingPathComponent("b.sqlite").path, deviceName: "b", environment: env)
        let shared = SharedFolder(path: folder.path)
        let id = Fixtures.record(7)
        try a.commit([Op(entity: "contact", record: id, field: "name", value: .text("Ada"))])
        _ = try SyncEngine(store: a, folder: shared).sync()
        let rb = try SyncEngine(store: b, folder: shared).sync()
        #expect(rb.importedTotal == 1)
        clock.advance(milliseconds: 1000)
        try a.commit([Op(entity: "contact", record: id, field: "stage", value: .text("docket"))])
        try b.commit([Op(entity: "contact", record: id, field: "stage", value: .text("pending"))])
        _ = try SyncEngine(store: a, folder: shared).sync()
        let r2 = try SyncEngine(store: b, folder: shared).sync()
        #expect(r2.newConflicts == 1)
        _ = try SyncEngine(store: a, folder: shared).sync()
        #expect(try a.conflicts() == b.conflicts())
        #expect(try a.record("contact", id: id) == b.record("contact", id: id))
        let again = try SyncEngine(store: a, folder: shared).sync()
        #expect(again.importedTotal == 0 && again.published == 0)
    }
}
