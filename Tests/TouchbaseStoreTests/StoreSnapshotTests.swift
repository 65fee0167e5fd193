import Foundation
import GRDB
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// A Store dumped into snapshot records and loaded into an empty Store shows the same state and
/// the same conflicts; loaded at a point of a random history and given the Changes after it, it
/// ends where the full history ends (Protocol/SPEC.md §7.6).
@Suite struct StoreSnapshotTests {
    /// Dumps `store` and loads it into a new store of `dir`, in runs of about `partBytes`.
    static func reseed(_ store: Store, into dir: TempStores, name: String, device: UInt64, partBytes: Int = 300) throws -> (Store, Int) {
        var parts: [[SnapshotRecord]] = []
        let info = try store.dumpSnapshot(partBytes: partBytes) { parts.append($0) }
        let fresh = try dir.make(name, device: device)
        var next = parts.makeIterator()
        try fresh.loadSnapshot(info) { next.next() }
        return (fresh, parts.count)
    }

    /// Random histories as in the convergence tests: a snapshot of a store that applied every
    /// Change shows the same registers, rows, conflicts and version as the oracle.
    @Test func roundTripKeepsStateAndConflicts() throws {
        let base = SeededGenerator.seed(fallback: 0x5A5A)
        var conflicts = 0, multipart = 0
        for n in 0..<25 {
            let seed = base &+ UInt64(n)
            try withHistory(seed: seed) { dir, everything, oracle, stores in
                _ = try stores[0].apply(everything)
                let (fresh, count) = try Self.reseed(stores[0], into: dir, name: "fresh", device: 0x51)
                try StoreOracle.expectAgrees(fresh, with: oracle, "(seed \(seed), round trip)")
                #expect(try fresh.conflicts() == stores[0].conflicts(), "seed \(seed)")
                conflicts += oracle.conflicts.count
                if count > 1 { multipart += 1 }
            }
        }
        #expect(conflicts > 0 && multipart > 0, "base seed \(base): the histories must carry conflicts and span parts")
    }

    /// A snapshot taken mid-history, plus every Change (covered ones are duplicates), gives the
    /// state of the full history: deletes and merges made after the snapshot are judged against
    /// the causal pasts the snapshot kept.
    @Test func snapshotPlusLaterChangesEqualsFullHistory() throws {
        let base = SeededGenerator.seed(fallback: 0xB007)
        for n in 0..<25 {
            let seed = base &+ UInt64(n)
            try withHistory(seed: seed) { dir, everything, oracle, stores in
                var rng = SeededGenerator(seed: seed ^ 0xABCD)
                // Store 0 saw a random part of the history (what passes its gates).
                _ = try stores[0].apply(everything.filter { _ in Bool.random(using: &rng) })
                let (fresh, _) = try Self.reseed(stores[0], into: dir, name: "fresh", device: 0x52)
                let report = try fresh.apply(everything.shuffled(using: &rng))
                #expect(report.waiting.isEmpty, "seed \(seed)")
                try StoreOracle.expectAgrees(fresh, with: oracle, "(seed \(seed), snapshot + later changes)")
                // And a local edit on top is made with links to what the snapshot covered.
                _ = try fresh.commit([Op(entity: "contact", record: StoreOracle.pool[0], field: "notes", value: .text("after"))])
            }
        }
    }

    @Test func refusesADatabaseThatHasChanges() throws {
        let dir = try TempStores()
        defer { dir.cleanup() }
        let a = try dir.make("a", device: 1)
        _ = try a.commit([Op(entity: "contact", record: Fixtures.record(1), field: "name", value: .text("Ada"))])
        var parts: [[SnapshotRecord]] = []
        let info = try a.dumpSnapshot(partBytes: 1 << 20) { parts.append($0) }
        let b = try dir.make("b", device: 2)
        _ = try b.commit([Op(entity: "contact", record: Fixtures.record(2), field: "name", value: .text("Bob"))])
        let before = try StoreOracle.snapshot(b)
        var next = parts.makeIterator()
        #expect(throws: StoreError.self) { try b.loadSnapshot(info) { next.next() } }
        #expect(try StoreOracle.snapshot(b) == before)
    }

    @Test func aFailingPartLeavesTheDatabaseEmpty() throws {
        let dir = try TempStores()
        defer { dir.cleanup() }
        let a = try dir.make("a", device: 1)
        for i in 1...20 { _ = try a.commit([Op(entity: "contact", record: Fixtures.record(UInt64(i)), field: "name", value: .text("P\(i)"))]) }
        var parts: [[SnapshotRecord]] = []
        let info = try a.dumpSnapshot(partBytes: 100) { parts.append($0) }
        #expect(parts.count > 2)
        let b = try dir.make("b", device: 2)
        var served = 0
        struct Broken: Error {}
        #expect(throws: Broken.self) {
            try b.loadSnapshot(info) {
                served += 1
                if served == 2 { throw Broken() }
                return parts[served - 1]
            }
        }
        #expect(try b.version().entries.values.allSatisfy { $0 == 0 })
        #expect(try StoreOracle.recordKeys(b).isEmpty)
    }

    /// One seeded history over 2–3 stores and a newer client, handed over with its oracle.
    func withHistory(seed: UInt64, _ body: (TempStores, [Change], Replica, [Store]) throws -> Void) throws {
        var rng = SeededGenerator(seed: seed)
        let dir = try TempStores()
        defer { dir.cleanup() }
        let count = Int.random(in: 2...3, using: &rng)
        let clocks = (0..<count).map { _ in TestClock(milliseconds: 1_767_603_600_000 + UInt64.random(in: 0...86_400_000, using: &rng)) }
        let stores = try (0..<count).map { try dir.make("s\($0)", device: UInt64($0 + 1), clock: clocks[$0]) }
        var run = StoreConvergenceTests.Run(rng: rng, stores: stores, future: Replica(device: Fixtures.device(9)), clocks: clocks,
                                            futureWall: 1_767_603_600_000)
        for _ in 0..<60 { try run.step() }
        var oracle = Replica(device: Fixtures.device(0xFF))
        oracle.receive(run.everything.shuffled(using: &run.rng))
        try body(dir, run.everything, oracle, stores)
    }
}
