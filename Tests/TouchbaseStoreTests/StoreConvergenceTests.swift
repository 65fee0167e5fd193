import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// Stores on real SQLite files exchange Changes in random orders, batches and duplicates, and end
/// up showing what a Core `Replica` fed the same Changes predicts.
@Suite struct StoreConvergenceTests {
    /// One random history: 2–3 Stores (skewed clocks) and a Core replica standing in for a newer
    /// client that writes fields and entities this version does not know.
    struct Run {
        var rng: SeededGenerator
        let stores: [Store]
        var future: Replica
        let clocks: [TestClock]
        var futureWall: UInt64

        /// Every Change any participant ever made.
        var everything: [Change] = []
        var heldBack = 0

        mutating func step() throws {
            let who = Int.random(in: 0...stores.count, using: &rng)
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<5 where who < stores.count:
                if let c = try stores[who].commit(StoreOracle.randomOps(using: &rng)) { everything.append(c) }
                clocks[who].advance(milliseconds: Int64.random(in: 0...2000, using: &rng))
            case 0..<5:
                futureWall += UInt64.random(in: 0...2000, using: &rng)
                everything.append(future.commit(futureOps(), wallMilliseconds: futureWall))
            default:
                // Deliver a random part of what exists, shuffled, some twice.
                var batch = everything.filter { _ in Bool.random(using: &rng) }
                batch += batch.filter { _ in Int.random(in: 0..<4, using: &rng) == 0 }
                batch.shuffle(using: &rng)
                if who < stores.count {
                    heldBack += try stores[who].apply(batch).waiting.count
                } else {
                    future.receive(batch)
                }
            }
        }

        /// Puts only a newer client could make: an unknown field, an unknown entity, known fields too.
        mutating func futureOps() -> [Op] {
            let record = StoreOracle.pool.randomElement(using: &rng)!
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: return [Op(entity: "contact", record: record, field: "x-pronouns", value: .text(["she", "they"].randomElement(using: &rng)!))]
            case 1: return [Op(entity: "x-badge", record: record, field: "level", value: .unknown(tag: 0x41, bytes: [1, 2]))]
            case 2: return [Op(entity: "contact", record: record, field: "stage", value: .text("x-future-stage"))]
            default: return StoreOracle.randomOps(using: &rng)
            }
        }
    }

    @Test func randomHistoriesConverge() throws {
        let base = SeededGenerator.seed(fallback: 0xC0FFEE)
        var kinds: [Conflict.Kind: Int] = [:]
        var deleted = 0, merged = 0, heldBack = 0, linkedDeletes = 0
        for n in 0..<40 {
            let oracle = try converge(seed: base &+ UInt64(n), heldBack: &heldBack)
            for c in oracle.conflicts { kinds[c.kind, default: 0] += 1 }
            linkedDeletes += oracle.conflicts.filter { $0.kind == .deleteVsEdit && !$0.links.isEmpty }.count
            deleted += oracle.state.records.values.filter(\.status.deleted).count
            merged += oracle.state.records.filter { $0.value.survivor != $0.key.record }.count
        }
        // Guards the generator: the histories must exercise every situation the rules handle.
        #expect(Set(kinds.keys) == [.field, .deleteVsEdit, .mergeCycle, .mergeVsEdit], "base seed \(base): \(kinds)")
        #expect(linkedDeletes > 0, "base seed \(base): no delete kept visible by a record showing under it")
        #expect(deleted > 0 && merged > 0 && heldBack > 0, "base seed \(base): deleted \(deleted), merged \(merged), held back \(heldBack)")
    }

    /// Runs one seeded history and checks every Store against the oracle; returns the oracle.
    func converge(seed: UInt64, heldBack: inout Int) throws -> Replica {
        var rng = SeededGenerator(seed: seed)
        let dir = try TempStores()
        defer { dir.cleanup() }
        let count = Int.random(in: 2...3, using: &rng)
        let clocks = (0..<count).map { _ in TestClock(milliseconds: 1_767_603_600_000 + UInt64.random(in: 0...86_400_000, using: &rng)) }
        let stores = try (0..<count).map { try dir.make("s\($0)", device: UInt64($0 + 1), clock: clocks[$0]) }
        var run = Run(rng: rng, stores: stores, future: Replica(device: Fixtures.device(9)), clocks: clocks, futureWall: 1_767_603_600_000)
        for _ in 0..<40 { try run.step() }
        heldBack += run.heldBack

        // Deliver everything everywhere, in a different random order to each.
        for store in stores {
            let report = try store.apply(run.everything.shuffled(using: &run.rng))
            #expect(report.waiting.isEmpty, "seed \(seed): gates still closed")
        }
        var oracle = Replica(device: Fixtures.device(0xFF))
        oracle.receive(run.everything.shuffled(using: &run.rng))
        #expect(oracle.pending.isEmpty, "seed \(seed)")

        for (i, store) in stores.enumerated() {
            try StoreOracle.expectAgrees(store, with: oracle, "(seed \(seed), store \(i))")
            // What a Store forwards is what it received, byte for byte: unknown fields survive.
            #expect(Set(try StoreOracle.allChanges(store)) == Set(run.everything), "seed \(seed): the log lost or altered Changes")
        }
        for store in stores.dropFirst() {
            #expect(try store.records(RecordQuery(entity: "contact")) == stores[0].records(RecordQuery(entity: "contact")), "seed \(seed)")
            #expect(try store.conflicts() == stores[0].conflicts(), "seed \(seed)")
        }
        return oracle
    }
}
