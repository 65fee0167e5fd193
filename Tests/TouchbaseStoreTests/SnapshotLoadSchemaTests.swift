import Foundation
import GRDB
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// A snapshot load builds the entity tables' secondary indexes once, after the rows, and notes the
/// search index once per table: afterwards the schema is exactly a fresh database's, every index
/// answers for the loaded rows, search finds them, and later edits keep both up to date. A load
/// that fails half way leaves the schema as it was.
@Suite struct SnapshotLoadSchemaTests {
    /// Indexes and triggers, by name, with their SQL.
    static func schema(_ path: String) throws -> [String: String] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            var out: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL") {
                out[row["name"]] = row["sql"]
            }
            return out
        }
    }

    /// The registers of every record and the rows of the tables the source fills.
    static func state(_ store: Store) throws -> String {
        var out = ""
        for key in try StoreOracle.recordKeys(store).sorted() {
            out += "\n\(key.entity) \(key.record): \(try store.registers(of: key).sorted { $0.key < $1.key })"
        }
        out += try store.read { db in
            try ["contact", "interaction", "hub"].map { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY id").map(\.description).joined(separator: "\n")
            }.joined(separator: "\n")
        }
        return out
    }

    /// A store with contacts, interactions (some planned, some with follow-ups) and a hub.
    static func source(_ dir: TempStores) throws -> Store {
        let a = try dir.make("a", device: 1)
        var ops: [Op] = []
        for i in 1...30 {
            let contact = Fixtures.record(UInt64(i))
            ops.append(Op(entity: "contact", record: contact, field: "name", value: .text("Person \(i) Quillfeather")))
            ops.append(Op(entity: "contact", record: contact, field: "stage", value: .text(i % 2 == 0 ? "active" : "pending")))
            let meeting = Fixtures.record(UInt64(1000 + i))
            ops.append(Op(entity: "interaction", record: meeting, field: "contact", value: .ref(contact)))
            ops.append(Op(entity: "interaction", record: meeting, field: "date", value: .date(CalendarDate(year: 2026, month: 3, day: 1 + i % 28)!)))
            ops.append(Op(entity: "interaction", record: meeting, field: "kind", value: .text("meeting")))
            ops.append(Op(entity: "interaction", record: meeting, field: "status", value: .text(i % 3 == 0 ? "planned" : "done")))
            ops.append(Op(entity: "interaction", record: meeting, field: "learned", value: .text("talked about zanzibarite \(i)")))
            if i % 4 == 0 { ops.append(Op(entity: "interaction", record: meeting, field: "followUp", value: .date(CalendarDate(year: 2026, month: 4, day: i % 28 + 1)!))) }
        }
        ops.append(Op(entity: "hub", record: Fixtures.record(5000), field: "name", value: .text("Makers Guild")))
        _ = try a.commit(ops)
        return a
    }

    @Test func aLoadedDatabaseHasEveryIndexAndTriggerAndFindsItsRows() throws {
        let dir = try TempStores()
        defer { dir.cleanup() }
        let a = try Self.source(dir)
        let fresh = try dir.make("fresh", device: 2)
        let expected = try Self.schema(dir.path("fresh"))
        #expect(expected.keys.contains("interactionPlanned") && expected.keys.contains("search_contact_insert"))
        var parts: [[SnapshotRecord]] = []
        let info = try a.dumpSnapshot(partBytes: 400) { parts.append($0) }
        #expect(parts.count > 2)
        var next = parts.makeIterator()
        try fresh.loadSnapshot(info) { next.next() }
        #expect(try Self.schema(dir.path("fresh")) == expected)

        // The indexes answer for the loaded rows (integrity_check compares each index with its table).
        let queue = try DatabaseQueue(path: dir.path("fresh"))
        let (check, planned, active) = try queue.read { db in
            (try String.fetchAll(db, sql: "PRAGMA integrity_check"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM interaction INDEXED BY interactionPlanned WHERE status = 'planned'"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM contact INDEXED BY contactStage WHERE stage = 'active'"))
        }
        #expect(check == ["ok"])
        #expect(planned == 10)
        #expect(active == 15)
        try queue.close()
        #expect(try Self.state(fresh) == Self.state(a))

        // Search finds what the snapshot brought, and later edits reach the index through the triggers.
        #expect(try fresh.search("zanzibarite", limit: 100).count == 30)
        #expect(try fresh.search("quillfeather", limit: 100).count == 30)
        #expect(try fresh.search("makers").map(\.kind) == [.hub])
        _ = try fresh.commit([Op(entity: "contact", record: Fixtures.record(7), field: "name", value: .text("Renamed Ottoline"))])
        _ = try fresh.commit([Op(entity: "contact", record: Fixtures.record(99), field: "name", value: .text("New Ottoline"))])
        #expect(try fresh.search("ottoline").count == 2)
        #expect(try fresh.search("quillfeather", limit: 100).count == 29)
    }

    @Test func aFailedLoadLeavesTheSchemaAsItWas() throws {
        let dir = try TempStores()
        defer { dir.cleanup() }
        let a = try Self.source(dir)
        let fresh = try dir.make("fresh", device: 2)
        let expected = try Self.schema(dir.path("fresh"))
        var parts: [[SnapshotRecord]] = []
        let info = try a.dumpSnapshot(partBytes: 400) { parts.append($0) }
        struct Broken: Error {}
        var served = 0
        #expect(throws: Broken.self) {
            try fresh.loadSnapshot(info) {
                served += 1
                if served == 3 { throw Broken() }
                return parts[served - 1]
            }
        }
        #expect(try Self.schema(dir.path("fresh")) == expected)
        #expect(try StoreOracle.recordKeys(fresh).isEmpty)
        // And the same database loads the snapshot whole afterwards.
        var next = parts.makeIterator()
        try fresh.loadSnapshot(info) { next.next() }
        #expect(try Self.state(fresh) == Self.state(a))
        #expect(try fresh.search("zanzibarite", limit: 100).count == 30)
    }

    /// Fields in any order load as in name order; a field given twice is refused and nothing stays.
    @Test func fieldOrderDoesNotMatterAndAFieldTwiceIsRefused() throws {
        let dir = try TempStores()
        defer { dir.cleanup() }
        let a = try Self.source(dir)
        var parts: [[SnapshotRecord]] = []
        let info = try a.dumpSnapshot(partBytes: 1 << 20) { parts.append($0) }
        let reversed = parts.map { $0.map { r -> SnapshotRecord in
            var r = r
            r.fields.reverse()
            return r
        } }
        let b = try dir.make("b", device: 2)
        var next = reversed.makeIterator()
        try b.loadSnapshot(info) { next.next() }
        #expect(try Self.state(b) == Self.state(a))

        var twice = parts
        let index = try #require(twice[0].firstIndex { $0.fields.count >= 2 })
        twice[0][index].fields.append(twice[0][index].fields[0])
        let c = try dir.make("c", device: 3)
        var again = twice.makeIterator()
        #expect(throws: StoreError.self) { try c.loadSnapshot(info) { again.next() } }
        #expect(try StoreOracle.recordKeys(c).isEmpty)
    }
}
