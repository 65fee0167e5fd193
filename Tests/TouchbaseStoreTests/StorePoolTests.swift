import Foundation
import GRDB
import Testing
import TouchbaseCore
@testable import TouchbaseStore
import TouchbaseTestSupport

/// The Store over a connection pool on disk (one writer, readers that never wait for it) or one
/// connection in memory; its async API; ids stored as BLOBs by GRDB directly.
@Suite struct StorePoolTests {
    static func contact(_ n: UInt64, _ name: String) -> [Op] {
        RecordOps.put("contact", Fixtures.record(n), [("name", .text(name))])
    }

    /// The journal mode and `synchronous` of the connection that writes.
    static func writerPragmas(_ store: Store) throws -> (String?, Int?) {
        try store.writer.writeWithoutTransaction { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
    }

    @Test func theWritingConnectionIsWALWithFullSync() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let created = try stores.make("a", device: 1)
        #expect(created.writer is DatabasePool)
        // GRDB's WAL set-up lowers `synchronous` to NORMAL (1); every commit must reach the disk.
        #expect(try Self.writerPragmas(created) == ("wal", 2))
        try created.commit(Self.contact(1, "Ada"))
        #expect(try Self.writerPragmas(created) == ("wal", 2))
        let reopened = try Store.open(at: stores.path("a"))
        #expect(try Self.writerPragmas(reopened) == ("wal", 2))
    }

    @Test func readersDoNotWaitBehindAWrite() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let store = try stores.make("a", device: 1)
        try store.commit(Self.contact(1, "Ada"))
        let entered = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            // A write transaction held open, as a long sync batch would.
            _ = try? store.writer.write { db in
                try Store.setMetaValue("probe", "written", db)
                try db.execute(sql: "DELETE FROM contact")
                entered.signal()
                _ = release.wait(timeout: .now() + 20)
            }
            done.signal()
        }
        entered.wait()
        let start = ContinuousClock.now
        let names = try store.records(RecordQuery(entity: "contact")).map(\.displayName)
        let probe = try store.metaValue("probe")
        let waited = ContinuousClock.now - start
        release.signal()
        done.wait()
        #expect(waited < .seconds(5), "a read waited \(waited) behind a write")
        #expect(names == ["Ada"], "a read sees the last commit, not the write under way")
        #expect(probe == nil)
        #expect(try store.metaValue("probe") == "written")
        #expect(try store.records(RecordQuery(entity: "contact")).isEmpty)
    }

    @Test func anInMemoryStoreWorksAndKeepsNothing() throws {
        let env = StoreEnvironment(now: { 1_767_603_600_000 }, makeRecordID: { Fixtures.record(9) }, makeDeviceID: { Fixtures.device(7) })
        let store = try Store.inMemory(deviceName: "preview", environment: env)
        #expect(store.path == Store.inMemoryPath)
        #expect(!(store.writer is DatabasePool))
        #expect(try store.device == Fixtures.device(7))
        try store.commit(Self.contact(1, "Ada") + RecordOps.tag(Fixtures.record(1), "mentors"))
        #expect(try store.records(RecordQuery(entity: "contact")).map(\.displayName) == ["Ada"])
        #expect(try store.version() == VersionVector([Fixtures.device(7): 1]))
        #expect(try store.search("ada").map(\.record) == [Fixtures.record(1)])
        let other = try Store.inMemory(environment: env)
        #expect(try other.records(RecordQuery(entity: "contact")).isEmpty, "each in-memory store is its own database")
        #expect(!FileManager.default.fileExists(atPath: Store.inMemoryPath))
    }

    @Test func aDatabaseOfANewerVersionIsRefused() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let store = try stores.make("a", device: 1)
        try store.writer.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        #expect(throws: StoreError.self) { try Store.open(at: stores.path("a")) }
    }

    @Test func aFileThatIsNoDatabaseIsRefused() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let path = stores.path("junk")
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.self) { try Store.open(at: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(repeating: 0x5A, count: 8192), "the file is left as it was")
    }

    @Test func asyncWritesFromManyTasksAllLand() async throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let store = try stores.make("a", device: 1)
        let count = 40
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 1...count {
                group.addTask { try await store.commitAsync(Self.contact(UInt64(i), "Person \(i)")) }
            }
            try await group.waitForAll()
        }
        #expect(try await store.commitAsync([]) == nil)
        let rows = try await store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM contact") }
        #expect(rows == count)
        #expect(try store.changes(of: Fixtures.device(1), after: 0).map(\.seq) == Array(1...UInt64(count)))
        try StoreOracle.expectLogAndRegistersAgree(store)

        try await store.setMetaValueAsync("folder", "/tmp/x")
        #expect(try store.metaValue("folder") == "/tmp/x")
        try await store.setMetaValueAsync("folder", nil)
        #expect(try store.metaValue("folder") == nil)
    }

    @Test func asyncApplyMergesAnotherDevicesChanges() async throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let a = try stores.make("a", device: 1)
        let b = try stores.make("b", device: 2)
        let change = try #require(try b.commit(Self.contact(1, "Grace")))
        let report = try await a.applyAsync([change, change])
        #expect(report.applied == [change.dot])
        #expect(try a.record("contact", id: Fixtures.record(1))?.displayName == "Grace")
        #expect(try a.version() == VersionVector([Fixtures.device(2): 1]))
    }

    @Test func idsAreSixteenByteBlobsGRDBReadsAndBindsDirectly() throws {
        let store = try Store.inMemory(environment: StoreEnvironment(now: { 0 }, makeRecordID: { Fixtures.record(1) },
                                                                     makeDeviceID: { Fixtures.device(3) }))
        let id = Fixtures.record(0x1234)
        try store.commit(Self.contact(0x1234, "Ada"))
        let (ids, name, device, bytes) = try store.read { db in
            (try RecordID.fetchAll(db, sql: "SELECT id FROM contact"),
             try String.fetchOne(db, sql: "SELECT name FROM contact WHERE id = ?", arguments: [id]),
             try DeviceID.fetchOne(db, sql: "SELECT id FROM device"),
             try Data.fetchOne(db, sql: "SELECT id FROM contact"))
        }
        #expect(ids == [id])
        #expect(name == "Ada")
        #expect(device == Fixtures.device(3))
        #expect(bytes == Data(id.raw.bytes), "the stored bytes are the id's 16 big-endian bytes")
        #expect(id.databaseValue == Data(id.raw.bytes).databaseValue)
        #expect(RecordID.fromDatabaseValue(Data(repeating: 1, count: 15).databaseValue) == nil)
        #expect(RecordID.fromDatabaseValue(id.hex.databaseValue) == nil)
        #expect(DeviceID.fromDatabaseValue(.null) == nil)
        #expect(DeviceID.fromDatabaseValue(Fixtures.device(3).databaseValue) == Fixtures.device(3))
    }
}
