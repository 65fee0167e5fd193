import Testing
import TouchbaseCore
import TouchbaseTestSupport

/// A put changes a register where its storage keeps it (``RegisterStorage/modifyRegister(_:_:)``);
/// the result must be what reading the register, putting and setting it back gives, which is what
/// the protocol's default does.
@Suite struct RegisterInPlaceTests {
    /// A storage that keeps its registers in a ``MemoryStorage`` but changes them only through the
    /// protocol's default: read, change, set back.
    struct PlainStorage: RegisterStorage {
        var inner = MemoryStorage()
        func register(_ key: FieldKey) -> Register { inner.register(key) }
        mutating func setRegister(_ register: Register, for key: FieldKey) { inner.setRegister(register, for: key) }
        func registers(of record: RecordKey) -> [String: Register] { inner.registers(of: record) }
        func causalPast(of dot: Dot) -> VersionVector? { inner.causalPast(of: dot) }
        func recordsShown(under record: RecordKey) -> [RecordKey] { inner.recordsShown(under: record) }
    }

    @Test func changingInPlaceGivesWhatReadingAndSettingBackGives() throws {
        var rng = SeededGenerator(seed: 0x1A_91ACE)
        var conflicts = 0
        for _ in 0..<200 {
            var replicas = (1...3).map { Replica(device: Fixtures.device(UInt64($0))) }
            var changes: [Change] = []
            for n in 0..<10 {
                let i = Int.random(in: 0...2, using: &rng)
                if Bool.random(using: &rng) { _ = replicas[i].receive(changes) }
                let ops = (0..<Int.random(in: 1...5, using: &rng)).map { _ in
                    Op(entity: "contact", record: Fixtures.record(UInt64.random(in: 1...3, using: &rng)),
                       field: ["name", "notes", "role"].randomElement(using: &rng)!,
                       value: [.text("x"), .text("y"), .null].randomElement(using: &rng)!)
                }
                changes.append(replicas[i].commit(ops, wallMilliseconds: 1_000 + UInt64(n)))
            }
            // Made in this order, so applied in it each Change follows its causal past.
            var inPlace = MemoryStorage(), plain = PlainStorage()
            var touchedInPlace: [RecordKey: Set<String>] = [:], touchedPlain: [RecordKey: Set<String>] = [:]
            for c in changes {
                try Merger.apply(c, to: &inPlace, touched: &touchedInPlace)
                try Merger.apply(c, to: &plain, touched: &touchedPlain)
                #expect(inPlace == plain.inner)
            }
            #expect(touchedInPlace == touchedPlain)
            conflicts += inPlace.registers.values.filter(\.isConflict).count
        }
        #expect(conflicts > 50, "the random edits must leave conflicts")
    }

    @Test func aBodyThatChangesNothingStoresNothing() throws {
        let written = FieldKey(entity: "contact", record: Fixtures.record(1), field: "name")
        let never = FieldKey(entity: "contact", record: Fixtures.record(2), field: "name")
        let value = RegisterValue(dot: Dot(device: Fixtures.device(1), seq: 1), hlc: HLC(raw: 5), value: .text("x"))
        var storage = MemoryStorage()
        storage.setRegister(Register(values: [value]), for: written)
        let before = storage
        #expect(try !storage.modifyRegister(written) { _ in false })
        #expect(try !storage.modifyRegister(never) { _ in false })
        #expect(storage == before)
        var plain = PlainStorage(inner: before)
        #expect(try !plain.modifyRegister(never) { _ in false })
        #expect(plain.inner == before)
        // A change to a register never written is stored as a set stores it.
        #expect(try storage.modifyRegister(never) { $0 = Register(values: [value]); return true })
        #expect(storage.register(never) == Register(values: [value]))
        #expect(storage.registers(of: never.recordKey)["name"] == Register(values: [value]))
    }
}
