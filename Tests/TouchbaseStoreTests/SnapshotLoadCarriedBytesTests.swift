import Foundation
import GRDB
import Testing
import TouchbaseCore
@testable import TouchbaseStore
import TouchbaseTestSupport

/// A snapshot reader hands each single value's encoded bytes to the loader, which stores them in
/// the record's register row instead of encoding the value again. Loading the same records with
/// and without those bytes must give byte-identical tables.
@Suite struct SnapshotLoadCarriedBytesTests {
    /// The records with every single value's ``Value/encodedBytes`` carried, as a reader gives them.
    static func carried(_ records: [SnapshotRecord]) -> [SnapshotRecord] {
        records.map { record in
            var r = record
            r.fields = record.fields.map { f in
                f.values.count == 1 ? SnapshotRecord.Field(name: f.name, value: f.values[0], encoded: ArraySlice(f.values[0].value.encodedBytes)) : f
            }
            return r
        }
    }

    /// Every table a load writes, row by row (rows compare their values exactly, blobs byte for byte).
    static func tables(_ store: Store) throws -> [String: [Row]] {
        try store.read { db in
            var out: [String: [Row]] = [:]
            out["recordRegisters"] = try Row.fetchAll(db, sql: "SELECT record, entity, data FROM recordRegisters ORDER BY record, entity")
            // The devices without their clocks (each load reads the wall clock).
            out["device"] = try Row.fetchAll(db, sql: "SELECT idx, id, maxSeq FROM device ORDER BY idx")
            for table in ["conflict", "snapshotDot"] + Schema.all.map(\.name) {
                out[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(StoreMigrations.quoted(table)) ORDER BY 1, 2")
            }
            return out
        }
    }

    @Test func carriedBytesGiveTheTablesOfEncodedValues() throws {
        let base = SeededGenerator.seed(fallback: 0xCA77)
        var carriedValues = 0, multiValued = 0
        for n in 0..<12 {
            let seed = base &+ UInt64(n)
            try StoreSnapshotTests().withHistory(seed: seed) { dir, everything, _, stores in
                _ = try stores[0].apply(everything)
                var parts: [[SnapshotRecord]] = []
                let info = try stores[0].dumpSnapshot(partBytes: 400) { parts.append($0) }
                let plain = try dir.make("plain", device: 0x51)
                var a = parts.makeIterator()
                try plain.loadSnapshot(info) { a.next() }
                let withBytes = try dir.make("bytes", device: 0x51)
                var b = parts.map(Self.carried).makeIterator()
                try withBytes.loadSnapshot(info) { b.next() }
                #expect(try Self.tables(withBytes) == Self.tables(plain), "seed \(seed)")
                for f in parts.joined().flatMap(\.fields) {
                    if f.values.count == 1 { carriedValues += 1 } else { multiValued += 1 }
                }
            }
        }
        #expect(carriedValues > 100 && multiValued > 0, "base seed \(base): \(carriedValues) single values, \(multiValued) fields of several")
    }

    /// Every value kind, lists of references included, in records of known and unknown entities.
    @Test func everyValueKindIsStoredAsItsEncoding() throws {
        let dir = try TempStores()
        defer { dir.cleanup() }
        let values: [(String, String, Value)] = [
            ("contact", "name", .text("Ada")), ("contact", "notes", .text("")), ("contact", "cadence", .int(-7)),
            ("contact", "emails", .texts(["a@example.com", "b \"q\"/x"])), ("contact", "birthday", .date(CalendarDate(year: nil, month: 2, day: 29)!)),
            ("interaction", "others", .refs([Fixtures.record(2), Fixtures.record(3)])), ("interaction", "contact", .ref(Fixtures.record(2))),
            ("interaction", "date", .date(CalendarDate(year: 2026, month: 3, day: 1)!)), ("interaction", "answered", .bool(true)),
            ("contact", "x-future", .unknown(tag: 0x41, bytes: [1, 2, 3])), ("x-entity", "name", .text("kept")), ("contact", "stage", .null),
        ]
        var records: [SnapshotRecord] = []
        for (i, (entity, field, value)) in values.enumerated() {
            let v = RegisterValue(dot: Dot(device: Fixtures.device(7), seq: UInt64(i + 1)), hlc: HLC(raw: UInt64(1_000 + i)), value: value)
            records.append(SnapshotRecord(entity: entity, id: Fixtures.record(UInt64(100 + i)), fields: [SnapshotRecord.Field(name: field, values: [v])]))
        }
        var covers = VersionVector()
        covers[Fixtures.device(7)] = UInt64(values.count)
        let info = SnapshotInfo(covers: covers, clock: HLC(raw: 2_000), heads: [:])
        let plain = try dir.make("plain", device: 1)
        var a = [records].makeIterator()
        try plain.loadSnapshot(info) { a.next() }
        let withBytes = try dir.make("bytes", device: 1)
        var b = [Self.carried(records)].makeIterator()
        try withBytes.loadSnapshot(info) { b.next() }
        #expect(try Self.tables(withBytes) == Self.tables(plain))
        // The refs column is the JSON list of hex ids that an applied Change writes.
        let others = try withBytes.read { db in try String.fetchOne(db, sql: "SELECT others FROM interaction WHERE others IS NOT NULL") }
        #expect(others?.databaseValue == ColumnCoding.column(.refs([Fixtures.record(2), Fixtures.record(3)]), as: .refs("contact")))
    }
}
