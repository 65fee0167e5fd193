import Testing
import TouchbaseCore
import TouchbaseTestSupport

/// `Register.put` takes shortcuts for empty and single-value registers; on random registers and
/// puts (own and other devices, causal or concurrent, repeated dots, equal values) it must give
/// exactly what the rule says: drop every value in the put's causal past and an earlier put of the
/// same Change, add the new value, keep the values ordered by dot; unchanged when nothing differs.
@Suite struct RegisterPutRuleTests {
    /// The rule, written out without any shortcut.
    private func byRule(_ values: [RegisterValue], _ value: Value, _ change: Change) -> (values: [RegisterValue], changed: Bool) {
        let new = RegisterValue(dot: change.dot, hlc: change.hlc, value: value)
        let kept = values.filter { !(change.happenedAfter($0.dot) || $0.dot == change.dot) }
        let after = (kept + [new]).sorted { $0.dot < $1.dot }
        return (after, after != values)
    }

    @Test func everyPutFollowsTheRule() {
        var rng = SeededGenerator(seed: 0x5eed_9e9)
        var checked = 0, singles = 0
        for _ in 0..<3_000 {
            // A register of 0–3 values from 3 devices.
            var register = Register()
            for _ in 0..<Int.random(in: 0...3, using: &rng) {
                let c = change(UInt64.random(in: 1...3, using: &rng), UInt64.random(in: 1...4, using: &rng),
                               hlc: UInt64.random(in: 1...50, using: &rng))
                register.put(.text(["a", "b"].randomElement(using: &rng)!), by: c)
            }
            let before = register.values
            if before.count == 1 { singles += 1 }
            var deps: [UInt64: UInt64] = [:]
            for d in 1...3 where Bool.random(using: &rng) { deps[UInt64(d)] = UInt64.random(in: 0...4, using: &rng) }
            let device = UInt64.random(in: 1...3, using: &rng)
            deps[device] = nil
            let put = change(device, UInt64.random(in: 1...5, using: &rng), hlc: UInt64.random(in: 1...50, using: &rng), deps: deps)
            // Sometimes the very value a register holds, dot included.
            let value: Value = before.first.map { Bool.random(using: &rng) ? $0.value : .text("c") } ?? .text("a")
            let expected = byRule(before, value, put)
            let changed = register.put(value, by: put)
            #expect(register.values == expected.values, "put \(put.dot) on \(before)")
            #expect(changed == expected.changed, "put \(put.dot) on \(before)")
            checked += 1
        }
        #expect(checked == 3_000)
        #expect(singles > 500)
    }

    @Test func aRepeatedPutOfASingleValueChangesNothing() {
        var r = Register()
        let c = change(1, 1)
        let first = r.put(.text("a"), by: c)
        let again = r.put(.text("a"), by: c)
        let other = r.put(.text("b"), by: c)
        #expect(first && !again && other)
        #expect(r.values.map(\.value) == [.text("b")])
    }
}
