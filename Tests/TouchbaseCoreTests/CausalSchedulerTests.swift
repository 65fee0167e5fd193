import Testing
import TouchbaseCore
import TouchbaseTestSupport

@Suite struct CausalSchedulerTests {
    @Test func appliesEachOnceInCausalOrderWhateverTheDelivery() {
        var a = Replica(device: Fixtures.device(1)), b = Replica(device: Fixtures.device(2))
        let id = Fixtures.record(1)
        var log: [Change] = []
        for i in 0..<20 {
            let c = i % 2 == 0 ? a.commit([Op(entity: "contact", record: id, field: "name", value: .int(Int64(i)))], wallMilliseconds: UInt64(i))
                               : b.commit([Op(entity: "contact", record: id, field: "notes", value: .int(Int64(i)))], wallMilliseconds: UInt64(i))
            log.append(c)
            a.receive([c]); b.receive([c])
        }
        var version = VersionVector()
        var order: [Dot] = []
        let outcome = CausalScheduler.run(log.reversed() + log, version: &version) { order.append($0.dot) }
        #expect(outcome.applied == order && order.count == 20)
        #expect(outcome.duplicates == 20 && outcome.waiting.isEmpty)
        for (i, dot) in order.enumerated() {
            let c = log.first { $0.dot == dot }!
            #expect(order[..<i].count >= Int(c.seq - 1))
            #expect(c.deps.sorted.allSatisfy { dep in order[..<i].contains(Dot(device: dep.device, seq: dep.seq)) })
        }
    }

    @Test func aGapKeepsLaterChangesWaitingAndSeqZeroIsNeverReady() {
        var a = Replica(device: Fixtures.device(1))
        let c1 = a.commit([Op(entity: "tag", record: Fixtures.record(1), field: "name", value: .text("x"))], wallMilliseconds: 1)
        let c2 = a.commit([Op(entity: "tag", record: Fixtures.record(1), field: "name", value: .text("y"))], wallMilliseconds: 2)
        var version = VersionVector()
        let outcome = CausalScheduler.run([c2], version: &version) { _ in Issue.record("applied past a gap") }
        #expect(outcome.waiting == [c2])
        #expect(c2.missing(given: version) == [c1.dot])
        let zero = Change(device: Fixtures.device(9), seq: 0, hlc: .zero, deps: VersionVector(), ops: [])
        #expect(!zero.isReady(given: VersionVector()))
        #expect(zero.causalPast == VersionVector())
    }
}
