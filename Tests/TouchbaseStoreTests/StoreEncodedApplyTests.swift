import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// Changes handed over with their encoding (``EncodedChange``, what the import made to hash them)
/// are applied and logged exactly as the Changes alone: the log keeps the bytes of the Change the
/// gates passed, never another one's.
@Suite struct StoreEncodedApplyTests {
    @Test func encodedChangesApplyAndLogAsTheChangesAlone() throws {
        var rng = SeededGenerator(seed: SeededGenerator.seed(fallback: 0xE11C))
        var peers = (1...3).map { Replica(device: Fixtures.device(UInt64($0))) }
        var changes: [Change] = []
        for step in 0..<40 {
            let i = Int.random(in: 0..<peers.count, using: &rng)
            changes.append(peers[i].commit(StoreOracle.randomOps(using: &rng), wallMilliseconds: 1_767_603_600_000 + UInt64(step)))
            if step % 5 == 0 { for j in peers.indices where j != i { _ = peers[j].receive(changes) } }
        }
        let stores = try TempStores()
        defer { stores.cleanup() }
        let plain = try stores.make("plain", device: 9), encoded = try stores.make("encoded", device: 9)
        let shuffled = changes.shuffled(using: &rng)
        let a = try plain.apply(shuffled)
        let b = try encoded.apply(shuffled.map(EncodedChange.init))
        #expect(a.applied == b.applied && b.applied.count == changes.count)
        #expect(try StoreOracle.snapshot(encoded) == StoreOracle.snapshot(plain))
        #expect(try Set(StoreOracle.allChanges(encoded)) == Set(changes))
        try StoreOracle.expectLogAndRegistersAgree(encoded)
        // Each logged Change keeps its digest: a local edit links to it as the plain store's does.
        let next = [Op(entity: "contact", record: StoreOracle.pool[0], field: "notes", value: .text("after"))]
        #expect(try encoded.commit(next)?.depDigests == plain.commit(next)?.depDigests)
    }

    /// Two different Changes under one dot in one batch: the log holds the bytes of the one the
    /// gates passed, whichever it is.
    @Test func aDotGivenTwiceIsLoggedAsTheChangeApplied() throws {
        var left = Replica(device: Fixtures.device(1)), right = Replica(device: Fixtures.device(1))
        let x = StoreOracle.pool[0]
        let one = left.commit([Op(entity: "contact", record: x, field: "name", value: .text("One"))], wallMilliseconds: 1_767_603_600_000)
        let two = right.commit([Op(entity: "contact", record: x, field: "name", value: .text("Two"))], wallMilliseconds: 1_767_603_600_500)
        #expect(one.dot == two.dot && one != two)
        let stores = try TempStores()
        defer { stores.cleanup() }
        for (n, batch) in [[one, two], [two, one]].enumerated() {
            let store = try stores.make("s\(n)", device: 9)
            let report = try store.apply(batch.map(EncodedChange.init))
            #expect(report.applied == [one.dot] && report.duplicates == 1)
            try StoreOracle.expectLogAndRegistersAgree(store)
            let logged = try store.changes(of: Fixtures.device(1), after: 0)
            #expect(logged.count == 1)
            #expect(try store.record("contact", id: x)?["name"] == logged.first?.ops.first?.value)
        }
    }
}
