import Foundation
import GRDB
import Testing
import TouchbaseCore
@testable import TouchbaseStore
import TouchbaseTestSupport

/// The rows an apply writes (values bound straight from the registers) hold, column by column,
/// what ``ColumnCoding/column(_:as:)`` gives for each displayed value: every column type, values of
/// the wrong type (stored as NULL), fields put back to null, rows written by one batch or by one
/// call per Change; and the conflict rows that open and close in the batch are those that stay.
@Suite struct StoreApplyColumnsTests {
    static let touch = Fixtures.record(0x70), ada = Fixtures.record(1), bob = Fixtures.record(2)

    /// Device 1 writes an interaction and a contact with every column type; device 2 edits both
    /// concurrently; device 1 then overwrites part of it, having seen device 2's Change.
    static func history() -> [Change] {
        var one = Replica(device: Fixtures.device(1)), two = Replica(device: Fixtures.device(2))
        let first = one.commit(RecordOps.put("interaction", touch, [
            ("contact", .ref(ada)), ("others", .refs([bob, ada])), ("date", .date(CalendarDate(year: 2026, month: 3, day: 2)!)),
            ("time", .int(9)), ("kind", .text("meeting")), ("direction", .text("sideways")), ("forced", .bool(true)),
            ("minutes", .int(45)), ("outcome", .text("good")), ("nextStep", .text("write"))])
            + RecordOps.put("contact", ada, [("name", .text("Ada")), ("emails", .texts(["a@x.org", "é@x.org"])), ("cadence", .int(30)),
                                             ("birthday", .date(CalendarDate(year: nil, month: 12, day: 10)!))]),
            wallMilliseconds: 1_000)
        _ = two.receive([first])
        let second = two.commit(RecordOps.put("interaction", touch, [("minutes", .int(50)), ("outcome", .text("great"))])
            + RecordOps.put("contact", ada, [("name", .text("Ada L."))]), wallMilliseconds: 2_000)
        let third = one.commit(RecordOps.put("interaction", touch, [("outcome", .text("fine")), ("nextStep", Value.null), ("forced", .bool(false))])
                               + RecordOps.put("contact", ada, [("name", .text("Ada Lovelace"))]), wallMilliseconds: 3_000)
        _ = one.receive([second])
        let fourth = one.commit(RecordOps.put("interaction", touch, [("minutes", .int(60)), ("others", .refs([bob]))]), wallMilliseconds: 4_000)
        return [first, second, third, fourth]
    }

    /// Every column of `record`'s row, by name.
    static func row(_ store: Store, _ entity: String, _ record: RecordID) throws -> [String: DatabaseValue] {
        try store.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM \(StoreMigrations.quoted(entity)) WHERE id = ?", arguments: [record]) else { return [:] }
            var out: [String: DatabaseValue] = [:]
            for (name, value) in row { out[name] = value }
            return out
        }
    }

    @Test func everyColumnHoldsItsDisplayedValueInBatchesAndOneByOne() throws {
        let changes = Self.history()
        var oracle = Replica(device: Fixtures.device(0xFF))
        _ = oracle.receive(changes)
        let dir = try TempStores()
        defer { dir.cleanup() }
        let whole = try dir.make("whole", device: 10), single = try dir.make("single", device: 11)
        #expect(try whole.apply(changes.reversed()).waiting.isEmpty)
        for c in changes { _ = try single.apply([c]) }
        for (entity, record) in [("interaction", Self.touch), ("contact", Self.ada)] {
            let table = try #require(EntityTable.named(entity))
            let displayed = oracle.state.records[RecordKey(entity: entity, record: record)]?.fields.mapValues(\.value) ?? [:]
            for store in [whole, single] {
                let row = try Self.row(store, entity, record)
                for column in table.columns {
                    let expected = ColumnCoding.column(displayed[column.name] ?? .null, as: column.type)
                    #expect(row[column.name] == expected, "\(entity).\(column.name)")
                }
            }
        }
        // The wrong-typed puts are stored as NULL, the right ones as their typed column.
        let row = try Self.row(whole, "interaction", Self.touch)
        #expect(row["time"] == .null && row["direction"] == .null && row["nextStep"] == .null)
        #expect(row["minutes"] == 60.databaseValue && row["forced"] == 0.databaseValue && row["date"] == "2026-03-02".databaseValue)
        // Device 2's concurrent outcome and name against device 1's: open conflicts, the same in both.
        #expect(Set(try whole.conflicts()) == Set(oracle.conflicts))
        #expect(Set(try single.conflicts()) == Set(oracle.conflicts))
        #expect(oracle.conflicts.contains { $0.field == "outcome" } && oracle.conflicts.contains { $0.field == "name" })
        #expect(!oracle.conflicts.contains { $0.field == "minutes" })
    }
}
