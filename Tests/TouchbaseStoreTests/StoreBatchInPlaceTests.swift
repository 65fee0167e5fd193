import Foundation
import Testing
import TouchbaseCore
@testable import TouchbaseStore
import TouchbaseTestSupport

/// A batch changes registers in place (``WriteSession/modifyRegister(_:_:)``), conflicts opening
/// and closing on both peers: the rows, registers and conflicts must be what a full encoding and
/// the log oracle give, and both peers must end equal.
@Suite struct StoreBatchInPlaceTests {
    static let fields = ["name", "organization", "role", "linkedin", "location", "ask", "offer", "notes"]

    /// `contacts` contacts with every field of ``fields`` written on A.
    static func seeded(_ stores: TempStores, contacts: UInt64) throws -> Store {
        let a = try stores.make("a", device: 1)
        var ops: [Op] = []
        for n in 1...contacts { ops += RecordOps.put("contact", Fixtures.record(n), fields.map { ($0, .text("\($0) \(n)")) }) }
        try a.commit(ops)
        return a
    }

    @Test func rowsWrittenByABatchAreTheirFullEncodingAndAgreeWithTheLog() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let a = try Self.seeded(stores, contacts: 300)
        let b = try stores.make("b", device: 2)
        try b.apply(try a.changes(of: Fixtures.device(1), after: 0))
        let a0 = try a.version()[Fixtures.device(1)], b0 = try b.version()[Fixtures.device(2)]

        // Concurrent edits of overlapping fields (conflicts open), then B sees part of A's and
        // edits again (some conflicts close); a few new contacts and an emptied field on each side.
        var rng = SeededGenerator(seed: 41)
        func edit(_ store: Store, count: Int, tag: String) throws {
            var ops: [Op] = []
            for i in 0..<count {
                let n = UInt64.random(in: 1...320, using: &rng)
                let field = Self.fields.randomElement(using: &rng)!
                let value: Value = i % 37 == 0 ? .null : .text("\(tag) \(i)")
                ops.append(Op(entity: "contact", record: Fixtures.record(n), field: field, value: value))
                if ops.count == 25 { try store.commit(ops); ops = [] }
            }
            if !ops.isEmpty { try store.commit(ops) }
        }
        try edit(a, count: 1_500, tag: "a")
        try edit(b, count: 1_000, tag: "b")
        let partOfA = try a.changes(of: Fixtures.device(1), after: a0, limit: 20)
        try b.apply(partOfA)
        try edit(b, count: 600, tag: "b2")

        let deltaA = try a.changes(of: Fixtures.device(1), after: a0), deltaB = try b.changes(of: Fixtures.device(2), after: b0)
        let intoA = try a.apply(deltaB)
        let intoB = try b.apply(deltaA)
        #expect(intoA.applied.count == deltaB.count && intoA.waiting.isEmpty)
        #expect(intoB.applied.count == deltaA.count - partOfA.count && intoB.waiting.isEmpty)
        #expect(try !a.conflicts().isEmpty, "the edits must leave conflicts open")

        for store in [a, b] {
            try StoreOracle.expectRegisterRowsAreFullEncodings(store)
            try StoreOracle.expectLogAndRegistersAgree(store)
        }
        #expect(try StoreOracle.snapshot(a) == (try StoreOracle.snapshot(b)))
    }
}
