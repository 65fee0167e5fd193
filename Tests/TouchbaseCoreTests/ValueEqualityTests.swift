import Testing
import TouchbaseCore
import TouchbaseTestSupport

@Suite struct ValueEqualityTests {
    @Test func textsCompareByBytesNotCanonicalEquivalence() {
        let composed = Value.text("caf\u{E9}"), decomposed = Value.text("cafe\u{301}")
        #expect(composed != decomposed)
        #expect(Set([composed, decomposed]).count == 2)
        #expect(composed == .text("caf\u{E9}"))
        #expect(Value.texts(["a\u{E9}"]) != .texts(["ae\u{301}"]))
    }

    @Test func canonicallyEquivalentConcurrentPutsAreAConflict() {
        var a = Replica(device: Fixtures.device(1)), b = Replica(device: Fixtures.device(2))
        let id = Fixtures.record(1)
        let ca = a.commit([Op(entity: "contact", record: id, field: "name", value: .text("Ren\u{E9}e"))], wallMilliseconds: 1)
        let cb = b.commit([Op(entity: "contact", record: id, field: "name", value: .text("Rene\u{301}e"))], wallMilliseconds: 2)
        a.receive([cb]); b.receive([ca])
        #expect(a.conflicts.count == 1)
        #expect(a.state == b.state)
    }
}
