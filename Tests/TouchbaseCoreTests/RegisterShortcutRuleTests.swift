import Testing
import TouchbaseCore
import TouchbaseTestSupport

/// The merge path takes shortcuts (a register of one value is no conflict without comparing, the
/// displayed value is picked in place, values already in dot order are kept as they are, texts
/// compare their bytes in place, a batch collects its touched fields in one dictionary); each must
/// give exactly what the plain rule gives.
@Suite struct RegisterShortcutRuleTests {
    /// A random register of 0–4 values from 3 devices, values drawn from a small set so that equal
    /// values under different dots (no conflict) and different values (a conflict) both occur.
    private func randomValues(_ rng: inout SeededGenerator) -> [RegisterValue] {
        (0..<Int.random(in: 0...4, using: &rng)).map { _ in
            RegisterValue(dot: Dot(device: Fixtures.device(UInt64.random(in: 1...3, using: &rng)), seq: UInt64.random(in: 1...4, using: &rng)),
                          hlc: HLC(raw: UInt64.random(in: 1...50, using: &rng)),
                          value: [.text("a"), .text("b"), .int(1), .null].randomElement(using: &rng)!)
        }
    }

    @Test func aConflictIsWhatTheRuleSaysOnRandomRegisters() {
        var rng = SeededGenerator(seed: 0xC0F1)
        var conflicts = 0, singles = 0
        for _ in 0..<3_000 {
            let register = Register(values: randomValues(&rng))
            // The rule written out plainly: some surviving values differ.
            let byRule = register.values.contains { a in register.values.contains { b in a.value != b.value } }
            #expect(register.isConflict == byRule, "\(register.values)")
            // The displayed value: one that no other value displays over.
            let shown = register.values.first { v in !register.values.contains { $0.displaysOver(v) } }
            #expect(register.winner == shown, "\(register.values)")
            if byRule { conflicts += 1 }
            if register.values.count == 1 { singles += 1 }
        }
        #expect(conflicts > 300 && singles > 300)
    }

    @Test func valuesComeOutInDotOrderWhateverOrderTheyCameIn() {
        var rng = SeededGenerator(seed: 0x50E7)
        var reordered = 0
        for _ in 0..<3_000 {
            let values = randomValues(&rng)
            let expected = values.sorted { $0.dot < $1.dot }
            #expect(Register(values: values).values == expected, "\(values)")
            #expect(Register(values: expected).values == expected)
            if values != expected { reordered += 1 }
        }
        #expect(reordered > 300)
    }

    @Test func textsAreEqualExactlyWhenTheirBytesAre() {
        // Canonically equivalent texts differ by their bytes (Protocol/SPEC.md §13).
        let pieces = ["é", "e\u{301}", "e", "\u{301}", "a", "ß", "ss", "🙂", " ", "long enough to be stored out of line "]
        var rng = SeededGenerator(seed: 0x7E47)
        var equal = 0
        for _ in 0..<5_000 {
            func text() -> String { (0..<Int.random(in: 0...3, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined() }
            let a = text(), b = Bool.random(using: &rng) ? a : text()
            // Also a text that is a slice of a longer one, copied into a String of its own (after
            // a line feed, which starts no cluster with what follows).
            let sliced = String(("\n" + b).dropFirst())
            let sameBytes = Array(a.utf8) == Array(b.utf8)
            #expect((Value.text(a) == .text(b)) == sameBytes, "\(Array(a.utf8)) \(Array(b.utf8))")
            #expect((Value.text(a) == .text(sliced)) == sameBytes)
            #expect((Value.texts([a, "z"]) == .texts([sliced, "z"])) == sameBytes)
            if sameBytes { equal += 1 }
        }
        #expect(Value.text("é") != .text("e\u{301}"))
        #expect(equal > 1_000 && equal < 4_900)
    }

    @Test func aBatchCollectsTheFieldsEveryChangeTouched() throws {
        var rng = SeededGenerator(seed: 0xBA7)
        for _ in 0..<200 {
            var replicas = (1...2).map { Replica(device: Fixtures.device(UInt64($0))) }
            var changes: [Change] = []
            for n in 0..<8 {
                let i = Int.random(in: 0...1, using: &rng)
                if Bool.random(using: &rng) { _ = replicas[i].receive(changes) }
                let ops = (0..<Int.random(in: 1...4, using: &rng)).map { _ in
                    put(UInt64.random(in: 1...3, using: &rng), ["name", "notes", "role"].randomElement(using: &rng)!,
                        .text(["x", "y"].randomElement(using: &rng)!))
                }
                changes.append(replicas[i].commit(ops, wallMilliseconds: 1_000 + UInt64(n)))
            }
            // Made in this order, so applied in it each Change follows its causal past.
            var one = MemoryStorage(), each = MemoryStorage()
            var collected: [RecordKey: Set<String>] = [:], united: [RecordKey: Set<String>] = [:]
            for c in changes {
                try Merger.apply(c, to: &one, touched: &collected)
                for (record, fields) in try Merger.apply(c, to: &each) { united[record, default: []].formUnion(fields) }
            }
            #expect(collected == united)
            #expect(one == each)
        }
    }

    @Test func keysOfOneIdInTwoEntitiesStayApart() {
        let id = Fixtures.record(7)
        let records: Set<RecordKey> = [RecordKey(entity: "contact", record: id), RecordKey(entity: "hub", record: id),
                                       RecordKey(entity: "contact", record: id)]
        #expect(records.count == 2)
        let fields: Set<FieldKey> = [FieldKey(entity: "contact", record: id, field: "name"), FieldKey(entity: "hub", record: id, field: "name"),
                                     FieldKey(entity: "contact", record: id, field: "notes"), FieldKey(entity: "contact", record: id, field: "name")]
        #expect(fields.count == 3)
        #expect(RecordKey(entity: "contact", record: id).hashValue == RecordKey(entity: "contact", record: id).hashValue)
    }
}
