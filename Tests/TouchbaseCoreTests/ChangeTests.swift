import Testing
import TouchbaseCore
import TouchbaseTestSupport

@Suite struct ChangeTests {
    @Test func initDropsItsOwnDeviceFromDeps() {
        let c = change(1, 3, deps: [1: 7, 2: 4])
        #expect(c.deps == VersionVector([Fixtures.device(2): 4]))
        #expect(c.dot == Dot(device: Fixtures.device(1), seq: 3))
    }

    @Test func causalPastIsDepsPlusOwnPredecessors() {
        let c = change(1, 3, deps: [2: 4])
        #expect(c.causalPast == VersionVector([Fixtures.device(1): 2, Fixtures.device(2): 4]))
        #expect(change(1, 1).causalPast == VersionVector())
    }

    @Test func happenedAfter() {
        let c = change(1, 3, deps: [2: 4])
        #expect(c.happenedAfter(Dot(device: Fixtures.device(1), seq: 2)))
        #expect(!c.happenedAfter(Dot(device: Fixtures.device(1), seq: 3)))
        #expect(!c.happenedAfter(Dot(device: Fixtures.device(1), seq: 4)))
        #expect(c.happenedAfter(Dot(device: Fixtures.device(2), seq: 4)))
        #expect(!c.happenedAfter(Dot(device: Fixtures.device(2), seq: 5)))
        #expect(!c.happenedAfter(Dot(device: Fixtures.device(3), seq: 1)))
    }

    @Test func dotOrderAndDescription() {
        let a = Dot(device: Fixtures.device(1), seq: 9), b = Dot(device: Fixtures.device(2), seq: 1)
        #expect(a < b)
        #expect(Dot(device: Fixtures.device(1), seq: 1) < a)
        #expect(a.description == "00000000#9")
    }

    @Test func opKey() {
        let op = put(4, "name", .text("Ada"))
        #expect(op.key == fieldKey(4, "name"))
        #expect(op.key.recordKey == contactKey(4))
        #expect(FieldKey(entity: "a", record: Fixtures.record(9), field: "z") < FieldKey(entity: "b", record: Fixtures.record(1), field: "a"))
        #expect(RecordKey(entity: "a", record: Fixtures.record(1)) < RecordKey(entity: "a", record: Fixtures.record(2)))
    }
}
