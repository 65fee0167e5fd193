import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// A store's new record ids: its device's ``RecordIDGenerator`` under the live environment,
/// injected ids kept as they are.
@Suite struct StoreRecordIDTests {
    static let now: UInt64 = 1_772_442_000_000

    /// The live environment on a fixed clock.
    static var live: StoreEnvironment {
        var env = StoreEnvironment.live
        env.now = { StoreRecordIDTests.now }
        return env
    }

    static func temporaryPath() throws -> (URL, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return (dir, dir.appendingPathComponent("t.sqlite").path)
    }

    static func expectDeviceLayout(_ id: RecordID, _ device: DeviceID, time: UInt64) {
        #expect(Array(id.raw.bytes[4..<10]) == Array(device.raw.bytes[0..<6]))
        #expect(id.raw.low & RecordIDGenerator.timeMask == time)
    }

    @Test("A created, then reopened, store makes ids of its device, time strictly increasing")
    func createdAndReopened() throws {
        let (dir, path) = try Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.create(at: path, deviceName: "laptop", environment: Self.live)
        let device = try store.device
        #expect(!store.environment.recordIDsFollowDevice)
        let first = store.environment.makeRecordID(), second = store.environment.makeRecordID()
        Self.expectDeviceLayout(first, device, time: Self.now)
        Self.expectDeviceLayout(second, device, time: Self.now + 1)
        try store.commit([Op(entity: "contact", record: first, field: "name", value: .text("Ada Lovelace"))])
        #expect(try store.record("contact", id: first)?.text("name") == "Ada Lovelace")

        let reopened = try Store.open(at: path, environment: Self.live)
        Self.expectDeviceLayout(reopened.environment.makeRecordID(), device, time: Self.now)
        let writing = try Store.open(at: path, environment: Self.live, preparingWAL: true)
        Self.expectDeviceLayout(writing.environment.makeRecordID(), device, time: Self.now)
    }

    @Test func inMemoryStoreMakesIdsOfItsDevice() throws {
        let store = try Store.inMemory(environment: Self.live)
        Self.expectDeviceLayout(store.environment.makeRecordID(), try store.device, time: Self.now)
    }

    @Test("An injected id factory is kept, given to init or set on the live environment")
    func injectedIdsKept() throws {
        let given = StoreEnvironment(now: { Self.now }, makeRecordID: { Fixtures.record(1) }, makeDeviceID: { Fixtures.device(1) })
        #expect(try Store.inMemory(environment: given).environment.makeRecordID() == Fixtures.record(1))
        var set = Self.live
        #expect(set.recordIDsFollowDevice)
        set.makeRecordID = { Fixtures.record(2) }
        #expect(!set.recordIDsFollowDevice)
        let (dir, path) = try Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Store.create(at: path, deviceName: "t", environment: set).environment.makeRecordID() == Fixtures.record(2))
        #expect(try Store.open(at: path, environment: set).environment.makeRecordID() == Fixtures.record(2))
    }

    @Test("Two stores of one device on one clock (a copied database) make different ids")
    func copiedDatabaseDiffers() throws {
        let (dir, path) = try Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Store.create(at: path, deviceName: "laptop", environment: Self.live)
        let copy = dir.appendingPathComponent("copy.sqlite").path
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let a = try Store.open(at: path, environment: Self.live), b = try Store.open(at: copy, environment: Self.live)
        #expect(try a.device == b.device)
        var ids = Set<RecordID>()
        for _ in 0..<1_000 {
            ids.insert(a.environment.makeRecordID())
            ids.insert(b.environment.makeRecordID())
        }
        #expect(ids.count == 2_000)
    }
}
