import Foundation
import GRDB
import Testing
import TouchbaseCore
@testable import TouchbaseStore
import TouchbaseTestSupport

/// A batch keeps the stored `recordRegisters` bytes of the records it reads, so writing a record
/// back copies the fields the batch left alone and encodes only those it changed; and it changes
/// registers in place (``WriteSession/modifyRegister(_:_:)``). The rows, registers and conflicts
/// must be what a full encoding and the log oracle give.
@Suite struct StoreBatchSpliceTests {
    static let fields = ["name", "organization", "role", "linkedin", "location", "ask", "offer", "notes"]

    static func key(_ n: UInt64) -> RecordKey { RecordKey(entity: "contact", record: Fixtures.record(n)) }

    /// `contacts` contacts with every field of ``fields`` written on A.
    static func seeded(_ stores: TempStores, contacts: UInt64) throws -> Store {
        let a = try stores.make("a", device: 1)
        var ops: [Op] = []
        for n in 1...contacts { ops += RecordOps.put("contact", Fixtures.record(n), fields.map { ($0, .text("\($0) \(n)")) }) }
        try a.commit(ops)
        return a
    }

    @Test func aBatchKeepsTheStoredBytesOfTheRowsItReads() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let a = try Self.seeded(stores, contacts: 40)
        let rows = try a.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT record, data FROM recordRegisters WHERE entity = 'contact'").map { row in
                (RecordID(ID128(bytes: [UInt8](row[0] as Data))!), [UInt8](row[1] as Data))
            })
        }
        #expect(rows.count == 40)
        try a.writeSession { session in
            try session.prefetch((1...50).map(Self.key))
            for n in 1...40 as ClosedRange<UInt64> {
                #expect(session.cache.stored[Self.key(n)]?.bytes == rows[Fixtures.record(n)], "contact \(n)'s stored bytes are not kept")
                #expect(session.cache.stored[Self.key(n)]?.changed.isEmpty == true)
            }
            for n in 41...50 as ClosedRange<UInt64> {
                #expect(session.cache.stored[Self.key(n)] == nil)
                #expect(session.cache.unstored.contains(Self.key(n)))
            }
        }
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
            try store.read { db in
                let session = try WriteSession(db)
                for row in try Row.fetchAll(db, sql: "SELECT data FROM recordRegisters WHERE entity = 'contact'") {
                    let bytes = [UInt8](row[0] as Data)
                    let registers = try RegisterBlob.decode(bytes) { try session.device(at: $0) }
                    let full = try RegisterBlob.encode(registers) { d in try #require(session.indexOf[d]) }
                    #expect(bytes == full)
                }
            }
            try StoreOracle.expectLogAndRegistersAgree(store)
        }
        #expect(try StoreOracle.snapshot(a) == (try StoreOracle.snapshot(b)))
    }
}
