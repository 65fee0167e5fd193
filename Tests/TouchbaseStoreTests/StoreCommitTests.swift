import Foundation
import GRDB
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// One local edit = one Change = one transaction: data and log written together, or nothing.
@Suite struct StoreCommitTests {
    @Test func anEditWritesItsDataAndItsChangeTogether() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let a = try stores.make("a", device: 1)
        let ada = Fixtures.record(1)
        let change = try #require(try a.commit(RecordOps.put("contact", ada, [("name", .text("Ada")), ("stage", .text("want"))])
                                               + RecordOps.tag(ada, "Mentors")))
        #expect(change.dot == Dot(device: Fixtures.device(1), seq: 1))
        #expect(try a.version() == VersionVector([Fixtures.device(1): 1]))
        #expect(try a.changes(of: Fixtures.device(1), after: 0) == [change])
        #expect(try a.record("contact", id: ada)?.values == ["name": .text("Ada"), "stage": .text("want")])
        #expect(try a.tagNames(of: ada, entity: "contact") == ["mentors"])
        #expect(try a.history(of: ada).map(\.dot) == [change.dot])
        try StoreOracle.expectLogAndRegistersAgree(a)
        #expect(try a.commit([]) == nil)
        #expect(try a.version()[Fixtures.device(1)] == 1, "an empty edit is no Change")
    }

    @Test func aRefusedEditWritesNothing() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let a = try stores.make("a", device: 1)
        let ada = Fixtures.record(1)
        try a.commit(RecordOps.put("contact", ada, [("name", .text("Ada"))]))
        let before = try StoreOracle.snapshot(a)

        let bad: [[Op]] = [
            RecordOps.put("contact", ada, [("notes", .text("fine")), ("stage", .text("hot"))]),
            RecordOps.put("contact", ada, [("notes", .text("fine")), ("cadence", .text("weekly"))]),
            RecordOps.put("contact", ada, [("notes", .text("fine")), ("x-unknown", .text("?"))]),
            [Op(entity: "x-unknown-entity", record: ada, field: "name", value: .text("?"))],
            RecordOps.put("contact", Fixtures.record(2), [("name", .text("Bob"))]) + RecordOps.put("membership", Fixtures.record(3), [("hub", .text("not a ref"))]),
        ]
        for ops in bad {
            #expect(throws: StoreError.self) { try a.commit(ops) }
            #expect(try StoreOracle.snapshot(a) == before, "a refused edit changed the database: \(ops)")
        }
        #expect(throws: StoreError.invalidValue(entity: "contact", field: "stage", value: "hot")) {
            try a.commit(RecordOps.put("contact", ada, [("stage", .text("hot"))]))
        }
        #expect(throws: StoreError.unknownField(entity: "contact", field: "x-unknown")) {
            try a.commit(RecordOps.put("contact", ada, [("x-unknown", .text("?"))]))
        }
        #expect(try a.record("contact", id: Fixtures.record(2)) == nil)
        #expect(try a.version()[Fixtures.device(1)] == 1)
    }

    @Test func theLogAndTheRegistersAgreeAfterLocalAndRemoteEdits() throws {
        let seed = SeededGenerator.seed(fallback: 0x5EED_C0DE)
        var rng = SeededGenerator(seed: seed)
        let stores = try TempStores()
        defer { stores.cleanup() }
        let a = try stores.make("a", device: 1)
        let b = try stores.make("b", device: 2)
        for _ in 0..<40 {
            let store = Bool.random(using: &rng) ? a : b
            try store.commit(StoreOracle.randomOps(using: &rng))
            if rng.next() % 4 == 0 {
                _ = try a.apply(try StoreOracle.allChanges(b).shuffled(using: &rng))
            }
            stores.clock.advance(milliseconds: Int64(rng.next() % 5000))
        }
        try StoreOracle.expectLogAndRegistersAgree(a, "seed \(seed)")
        try StoreOracle.expectLogAndRegistersAgree(b, "seed \(seed)")
    }
}

/// A temporary directory of Store files on disk, with a shared test clock.
final class TempStores: @unchecked Sendable {
    let dir: URL
    let clock = TestClock()

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("tb-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    /// A new Store named `name` whose device is `Fixtures.device(device)`, on `clock` (default: the shared one).
    func make(_ name: String, device: UInt64, clock: TestClock? = nil) throws -> Store {
        let clock = clock ?? self.clock
        let env = StoreEnvironment(now: { clock.now },
                                   makeRecordID: { var g = SystemRandomNumberGenerator(); return .random(using: &g) },
                                   makeDeviceID: { Fixtures.device(device) })
        return try Store.create(at: path(name), deviceName: name, environment: env)
    }

    /// The database file of the Store named `name`.
    func path(_ name: String) -> String { dir.appendingPathComponent("\(name).sqlite").path }

    func cleanup() { try? FileManager.default.removeItem(at: dir) }
}
