import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// A batch applied in one call (one transaction that reads its registers once and keeps them)
/// gives exactly what the same Changes give applied one call each, and what a Core `Replica`
/// predicts: registers, conflict rows that follow their registers from Change to Change, deletes
/// kept visible or not, survivors and displayed values.
@Suite struct StoreBatchApplyTests {
    @Test func aBatchInOneCallEqualsOneChangeAtATimeAndTheOracle() throws {
        let base = SeededGenerator.seed(fallback: 0xBA7C4)
        var conflicts = 0, deleted = 0
        for n in 0..<10 {
            let seed = base &+ UInt64(n)
            var rng = SeededGenerator(seed: seed)
            // Three devices edit tiny pools of records, seeing part of each other's edits now and then.
            var replicas = (1...3).map { Replica(device: Fixtures.device(UInt64($0))) }
            var everything: [Change] = []
            var wall: UInt64 = 1_767_603_600_000
            for _ in 0..<60 {
                let i = Int.random(in: 0..<replicas.count, using: &rng)
                if Int.random(in: 0..<3, using: &rng) == 0 { _ = replicas[i].receive(everything.filter { _ in Bool.random(using: &rng) }) }
                wall += UInt64.random(in: 0...2000, using: &rng)
                everything.append(replicas[i].commit(StoreOracle.randomOps(using: &rng), wallMilliseconds: wall))
            }
            let dir = try TempStores()
            defer { dir.cleanup() }
            let whole = try dir.make("whole", device: 10), single = try dir.make("single", device: 11)
            #expect(try whole.apply(everything.shuffled(using: &rng)).waiting.isEmpty, "seed \(seed)")
            for c in everything { #expect(try single.apply([c]).applied == [c.dot], "seed \(seed)") }
            var oracle = Replica(device: Fixtures.device(0xFF))
            _ = oracle.receive(everything)
            try StoreOracle.expectAgrees(whole, with: oracle, "(seed \(seed), one call)")
            try StoreOracle.expectAgrees(single, with: oracle, "(seed \(seed), one call each)")
            #expect(try whole.records(RecordQuery(entity: "contact")) == single.records(RecordQuery(entity: "contact")), "seed \(seed)")
            conflicts += oracle.state.conflicts.count
            deleted += oracle.state.records.values.filter(\.status.deleted).count
        }
        // Guards the generator: the histories reach conflicts and deletes.
        #expect(conflicts > 0 && deleted > 0, "base seed \(base): conflicts \(conflicts), deleted \(deleted)")
    }
}
