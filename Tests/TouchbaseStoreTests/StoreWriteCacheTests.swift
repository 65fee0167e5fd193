import Foundation
import GRDB
import Testing
import TouchbaseCore
@testable import TouchbaseStore
import TouchbaseTestSupport

/// A run of local edits reuses the device table, the device id, the clock and the chain digests
/// of the edit before (``WriteCache``), and still sees every write made in between: by another
/// connection, by another process, by another kind of transaction on the same connection, or by
/// a transaction that rolled back.
@Suite struct StoreWriteCacheTests {
    static func put(_ n: UInt64, _ name: String) -> [Op] { put(n, "name", name) }

    static func put(_ n: UInt64, _ field: String, _ text: String) -> [Op] {
        RecordOps.put("contact", Fixtures.record(n), [(field, .text(text))])
    }

    static func environment(_ clock: TestClock, device: UInt64) -> StoreEnvironment {
        StoreEnvironment(now: { clock.now }, makeRecordID: { var g = SystemRandomNumberGenerator(); return .random(using: &g) },
                         makeDeviceID: { Fixtures.device(device) })
    }

    /// The SQL the writer connection runs during `body`.
    static func statements(of store: Store, during body: () throws -> Void) throws -> [String] {
        let seen = Statements()
        store.writer.writeWithoutTransaction { db in db.trace { seen.add($0.expandedDescription) } }
        defer { store.writer.writeWithoutTransaction { db in db.trace(options: [], nil) } }
        try body()
        return seen.all
    }

    @Test func aSecondEditReadsNeitherTheDeviceTableNorTheIdentity() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let a = try stores.make("a", device: 1)
        try a.commit(Self.put(1, "Ada"))
        let first = try Self.statements(of: a) { try a.commit(Self.put(1, "notes", "one")) }
        #expect(first.contains { $0.contains("FROM device") } == false, "the previous edit left the device table")
        let second = try Self.statements(of: a) { try a.commit(Self.put(1, "notes", "two")) }
        #expect(second.contains { $0.contains("FROM device") } == false)
        #expect(second.contains { $0.contains("FROM meta") } == false, "nor the id and the clock")
        #expect(second.contains { $0.contains("FROM change") } == false, "nor the previous Change's digest")
        let changes = try a.changes(of: Fixtures.device(1), after: 0)
        #expect(changes.map(\.seq) == [1, 2, 3])
        #expect(changes[2].prev == changes[1].digest() && changes[1].prev == changes[0].digest())
        try StoreOracle.expectLogAndRegistersAgree(a)
    }

    @Test func anEditOfAnotherConnectionIsSeen() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let a = try stores.make("a", device: 1)
        // The second connection's clock runs an hour ahead.
        let ahead = TestClock(milliseconds: stores.clock.now + 3_600_000)
        let other = try Store.open(at: stores.path("a"), environment: Self.environment(ahead, device: 1))
        let c1 = try #require(try a.commit(Self.put(1, "Ada")))
        let c2 = try #require(try other.commit(Self.put(2, "Bob")))
        #expect(c2.seq == 2 && c2.prev == c1.digest())
        let c3 = try #require(try a.commit(Self.put(3, "Cy")))
        #expect(c3.seq == 3, "the other connection's Change is counted")
        #expect(c3.prev == c2.digest(), "and linked to")
        #expect(c3.hlc > c2.hlc, "the clock moved past the other connection's stamp")
        let c4 = try #require(try other.commit(Self.put(4, "Di")))
        #expect(c4.seq == 4 && c4.prev == c3.digest())
        try StoreConcurrencyTests.expectSound(a, device: Fixtures.device(1), count: 4)
    }

    @Test func aReKeyByAnotherConnectionIsSeen() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let a = try stores.make("a", device: 1)
        try a.commit(Self.put(1, "Ada"))
        try a.commit(Self.put(1, "notes", "n"))
        let other = try Store.open(at: stores.path("a"), environment: Self.environment(stores.clock, device: 9))
        let new = try other.rekey(firstDivergent: nil)
        #expect(new == Fixtures.device(9))
        let next = try #require(try a.commit(Self.put(2, "Bob")))
        #expect(next.device == new && next.seq == 1, "the edit is made under the new id")
        #expect(next.depDigests[Fixtures.device(1)] != nil, "on top of the old id's Changes")
    }

    @Test func writesOfTheSameConnectionAreSeen() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        // Device ids 1, then 2 (the re-key).
        let ids = IDs()
        let a = try Store.create(at: stores.path("a"), deviceName: "a",
                                 environment: StoreEnvironment(now: { stores.clock.now }, makeRecordID: { var g = SystemRandomNumberGenerator(); return .random(using: &g) },
                                                               makeDeviceID: { ids.next() }))
        let ahead = TestClock(milliseconds: stores.clock.now + 3_600_000)
        let b = try stores.make("b", device: 7, clock: ahead)
        try a.commit(Self.put(1, "Ada"))
        let fromB = try #require(try b.commit(Self.put(2, "Bob")))
        _ = try a.apply([fromB])
        let onTop = try #require(try a.commit(Self.put(1, "notes", "after B")))
        #expect(onTop.seq == 2 && onTop.depDigests == [Fixtures.device(7): fromB.digest()], "the applied Change is linked to")
        #expect(onTop.hlc > fromB.hlc, "the clock observed the applied Change")
        // A device rename, a re-key: written by the same connection, outside any edit.
        try a.setMetaValue("deviceName", "laptop")
        let renamedEdit = try #require(try a.commit(Self.put(1, "notes", "renamed")))
        #expect(renamedEdit.seq == 3 && renamedEdit.prev == onTop.digest())
        let new = try a.rekey(firstDivergent: nil)
        let afterRekey = try #require(try a.commit(Self.put(1, "notes", "re-keyed")))
        #expect(afterRekey.device == new && afterRekey.seq == 1 && afterRekey.prev == nil)
        try StoreOracle.expectLogAndRegistersAgree(a)
    }

    @Test func aRolledBackEditLeavesNothingBehind() throws {
        struct Abandon: Error {}
        let stores = try TempStores()
        defer { stores.cleanup() }
        let a = try stores.make("a", device: 1)
        let c1 = try #require(try a.commit(Self.put(1, "Ada")))
        #expect(throws: Abandon.self) {
            try a.writeSession { session in
                _ = try Store.commitLocal(Self.put(2, "Bob"), now: stores.clock.now + 60_000, in: &session)
                throw Abandon()
            }
        }
        let c2 = try #require(try a.commit(Self.put(3, "Cy")))
        #expect(c2.seq == 2 && c2.prev == c1.digest(), "the abandoned Change is not counted")
        #expect(c2.hlc < HLC(milliseconds: stores.clock.now + 60_000, counter: 0), "nor its clock")
        #expect(try a.record("contact", id: Fixtures.record(2)) == nil)
        try StoreConcurrencyTests.expectSound(a, device: Fixtures.device(1), count: 2)
    }

    @Test(.enabled(if: StoreConcurrencyTests.binary != nil, "needs the touchbase binary: swift build --product touchbase"))
    func anEditOfAnotherProcessIsSeen() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let home = stores.dir.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let store = try Store.create(at: home.appendingPathComponent("touchbase.sqlite").path, deviceName: "laptop")
        let me = try store.device
        try store.commit(Self.put(1, "Ada"))
        let p = Process()
        p.executableURL = StoreConcurrencyTests.binary!
        p.arguments = ["contact", "add", "Bob Other", "--home", home.path]
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "TOUCHBASE_NOW")
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let fromProcess = try #require(try store.changes(of: me, after: 1).first)
        let next = try #require(try store.commit(Self.put(2, "Cy")))
        #expect(next.seq == 3 && next.prev == fromProcess.digest(), "the other process's Change is counted and linked to")
        #expect(next.hlc > fromProcess.hlc)
        try StoreConcurrencyTests.expectSound(store, device: me, count: 3)
    }
}

/// Statements seen by a trace (called on the writer's queue).
private final class Statements: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ s: String) { lock.withLock { list.append(s) } }
    var all: [String] { lock.withLock { list } }
}
