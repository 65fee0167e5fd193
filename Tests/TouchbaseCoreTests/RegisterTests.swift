import Testing
import TouchbaseCore
import TouchbaseTestSupport

/// Multi-value register semantics (DESIGN.md §3 "Fields are multi-value registers"), by hand.
@Suite struct RegisterTests {
    @Test func emptyRegister() {
        let r = Register()
        #expect(r.isEmpty)
        #expect(r.value == .null)
        #expect(r.winner == nil)
        #expect(!r.isConflict)
        #expect(r.distinctValues.isEmpty)
    }

    @Test func causalPutSupersedes() {
        var r = Register()
        let changed1 = r.put(.text("a"), by: change(1, 1))
        #expect(changed1)
        let changed2 = r.put(.text("b"), by: change(2, 1, deps: [1: 1]))
        #expect(changed2)
        #expect(r.values.map(\.value) == [.text("b")])
        #expect(r.value == .text("b"))
        #expect(!r.isConflict)
    }

    @Test func ownLaterPutSupersedes() {
        var r = Register()
        r.put(.text("a"), by: change(1, 1))
        r.put(.text("b"), by: change(1, 2))
        #expect(r.values.map(\.dot.seq) == [2])
    }

    @Test func concurrentPutsBothSurviveAndTheHighestStampDisplays() {
        var r = Register()
        r.put(.text("a"), by: change(1, 1, hlc: 500))
        r.put(.text("b"), by: change(2, 1, hlc: 400))
        #expect(r.values.count == 2)
        #expect(r.isConflict)
        #expect(r.value == .text("a"))
        #expect(r.distinctValues.map(\.value) == [.text("a"), .text("b")])
    }

    @Test("On equal stamps the higher device id displays, whatever the order of arrival")
    func tieBreakOnDevice() {
        var x = Register(), y = Register()
        let c1 = change(1, 1, hlc: 500), c2 = change(2, 1, hlc: 500)
        x.put(.text("one"), by: c1); x.put(.text("two"), by: c2)
        y.put(.text("two"), by: c2); y.put(.text("one"), by: c1)
        #expect(x == y)
        #expect(x.value == .text("two"))
        #expect(x.winner?.dot.device == Fixtures.device(2))
    }

    @Test("Concurrent puts of the same value are not a conflict")
    func sameValueConcurrentPuts() {
        var r = Register()
        r.put(.text("same"), by: change(1, 1))
        r.put(.text("same"), by: change(2, 1))
        #expect(r.values.count == 2)
        #expect(!r.isConflict)
        #expect(r.distinctValues.count == 1)
        #expect(r.value == .text("same"))
    }

    @Test("A resolution is a put whose causal past holds every value")
    func resolutionCoversAllValues() {
        var r = Register()
        r.put(.text("a"), by: change(1, 1))
        r.put(.text("b"), by: change(2, 1))
        r.put(.text("c"), by: change(3, 1))
        #expect(r.distinctValues.count == 3)
        // Sees only two of the three: still a conflict.
        r.put(.text("a"), by: change(1, 2, deps: [2: 1]))
        #expect(r.values.count == 2)
        #expect(r.isConflict)
        // Sees all: resolved.
        r.put(.text("c"), by: change(2, 2, deps: [1: 2, 3: 1]))
        #expect(r.values.map(\.dot) == [Dot(device: Fixtures.device(2), seq: 2)])
        #expect(!r.isConflict)
        #expect(r.value == .text("c"))
    }

    @Test("A put that supersedes nothing keeps every other value")
    func concurrentPutKeepsOthers() {
        var r = Register()
        r.put(.text("a"), by: change(1, 1))
        r.put(.text("b"), by: change(2, 1, deps: [1: 1]))
        r.put(.text("c"), by: change(3, 1))
        #expect(Set(r.values.map(\.value)) == [.text("b"), .text("c")])
    }

    @Test func repeatedPutIsIdempotent() {
        var r = Register()
        let c = change(1, 1)
        let changed3 = r.put(.text("a"), by: c)
        #expect(changed3)
        let before = r
        let unchanged = !r.put(.text("a"), by: c)
        #expect(unchanged)
        #expect(r == before)
    }

    @Test("A later put of the same field in one Change replaces the earlier one")
    func sameChangeTwice() {
        var r = Register()
        let c = change(1, 1)
        r.put(.text("a"), by: c)
        let changed4 = r.put(.text("b"), by: c)
        #expect(changed4)
        #expect(r.values.map(\.value) == [.text("b")])
    }

    @Test func clearingIsAPutOfNull() {
        var r = Register()
        r.put(.text("a"), by: change(1, 1))
        r.put(.null, by: change(1, 2))
        #expect(!r.isEmpty)
        #expect(r.value == .null)
        #expect(r.winner?.value == .null)
    }

    @Test func valuesAreCanonicallyOrdered() {
        let a = RegisterValue(dot: Dot(device: Fixtures.device(2), seq: 1), hlc: HLC(raw: 1), value: .int(1))
        let b = RegisterValue(dot: Dot(device: Fixtures.device(1), seq: 4), hlc: HLC(raw: 2), value: .int(2))
        #expect(Register(values: [a, b]) == Register(values: [b, a]))
        #expect(Register(values: [a, b]).values == [b, a])
        #expect(b.displaysOver(a))
        #expect(!a.displaysOver(b))
        #expect(!a.displaysOver(a))
    }

    @Test("distinctValues lists the displayed value first, then newest first, each value once")
    func distinctOrder() {
        var r = Register()
        r.put(.text("old"), by: change(1, 1, hlc: 100))
        r.put(.text("new"), by: change(2, 1, hlc: 300))
        r.put(.text("mid"), by: change(3, 1, hlc: 200))
        r.put(.text("old"), by: change(4, 1, hlc: 250))
        #expect(r.distinctValues.map(\.value) == [.text("new"), .text("old"), .text("mid")])
        #expect(r.distinctValues[1].hlc == HLC(raw: 250))
    }
}
