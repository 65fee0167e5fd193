import Foundation
import GRDB
import Testing
import TouchbaseCore
@testable import TouchbaseStore
import TouchbaseTestSupport

/// A snapshot load writes each row's columns as a Store that applied the Changes writes them: the
/// load's own date and list texts are byte for byte ``ColumnCoding/column(_:as:)``'s, and rows of
/// varying field sets (fields missing, unknown to this version, without values) land in the right
/// columns.
@Suite struct SnapshotLoadColumnsTests {
    @Test func dateTextsAreTheColumnCodingOnes() throws {
        var rng = SeededGenerator(seed: 0xDA7E)
        var dates: [CalendarDate] = [CalendarDate(year: 1, month: 1, day: 1)!, CalendarDate(year: 9999, month: 12, day: 31)!,
                                     CalendarDate(year: nil, month: 2, day: 29)!, CalendarDate(year: 999, month: 10, day: 9)!]
        for _ in 0..<3_000 {
            let year: Int? = Int.random(in: 0..<10, using: &rng) == 0 ? nil : Int.random(in: 1...9999, using: &rng)
            if let d = CalendarDate(year: year, month: Int.random(in: 1...12, using: &rng), day: Int.random(in: 1...31, using: &rng)) {
                dates.append(d)
            }
        }
        for d in dates {
            #expect(LoadColumnText.date(d).databaseValue == ColumnCoding.column(.date(d), as: .date), "\(d)")
        }
    }

    @Test func listTextsAreTheColumnCodingOnes() throws {
        var rng = SeededGenerator(seed: 0x115E)
        let alphabet = Array("ab Z09@.+-_:~'") + ["\"", "\\", "/", "\n", "\t", "é", "☃", "\u{7F}", "\u{1}", "😀"]
        var lists: [[String]] = [[], [""], ["a", ""], ["ada@example.com", "+1 555 0100"]]
        for _ in 0..<3_000 {
            lists.append((0..<Int.random(in: 0...4, using: &rng)).map { _ in
                String((0..<Int.random(in: 0...12, using: &rng)).map { _ in
                    // Mostly plain text, sometimes a character JSON escapes or one beyond ASCII.
                    Int.random(in: 0..<8, using: &rng) == 0 ? alphabet.randomElement(using: &rng)! : alphabet[Int.random(in: 0..<14, using: &rng)]
                })
            })
        }
        for list in lists {
            #expect(LoadColumnText.json(list) == ColumnCoding.json(list), "\(list)")
        }
    }

    @Test func rowsOfVaryingFieldSetsLandInTheirColumns() throws {
        let dir = try TempStores()
        let a = try dir.make("a", device: 1)
        var rng = SeededGenerator(seed: 0xC01)
        let fields: [(String, () -> Value)] = [
            ("name", { .text("Person \(Int.random(in: 0..<1000, using: &rng))") }),
            ("emails", { .texts((0..<Int.random(in: 0...2, using: &rng)).map { "p\($0)@example.com" }) }),
            ("phones", { .texts(["+1 555/0100", "a \"b\""].shuffled(using: &rng)) }),
            ("birthday", { .date(CalendarDate(year: Bool.random(using: &rng) ? nil : 1990, month: 3, day: 7)!) }),
            ("connectedOn", { .date(CalendarDate(year: 2024, month: Int.random(in: 1...12, using: &rng), day: 1)!) }),
            ("stage", { .text(["active", "pending", "dormant"].randomElement(using: &rng)!) }),
            ("cadence", { .int(Int64.random(in: 1...90, using: &rng)) }),
        ]
        var ops: [Op] = []
        for i in 1...60 {
            let record = Fixtures.record(UInt64(i))
            for (name, make) in fields where Int.random(in: 0..<3, using: &rng) > 0 {
                ops.append(Op(entity: "contact", record: record, field: name, value: make()))
            }
            if i % 7 == 0 { ops.append(Op(entity: "contact", record: record, field: "name", value: .null)) }
            ops.append(Op(entity: "interaction", record: Fixtures.record(UInt64(1000 + i)), field: "date",
                          value: .date(CalendarDate(year: 2026, month: 1, day: 1 + i % 28)!)))
        }
        _ = try a.commit(ops)
        let (fresh, parts) = try StoreSnapshotTests.reseed(a, into: dir, name: "fresh", device: 2)
        #expect(parts > 1)
        #expect(try SnapshotLoadSchemaTests.state(fresh) == SnapshotLoadSchemaTests.state(a))

        // The same records with fields this version does not know (before, between and after the
        // known ones) and a known field without values: the rows are the same.
        var dumped: [[SnapshotRecord]] = []
        let info = try a.dumpSnapshot(partBytes: 300) { dumped.append($0) }
        var widened = 0
        let parts2 = dumped.map { part in
            part.map { record -> SnapshotRecord in
                var r = record
                guard let values = r.fields.first?.values, widened % 3 != 2 else { widened += 1; return r }
                widened += 1
                for name in ["aaUnknown", "locationUnknown", "zzUnknown"] { r.fields.append(.init(name: name, values: values)) }
                if !r.fields.contains(where: { $0.name == "role" }) { r.fields.append(.init(name: "role", values: [])) }
                r.fields.sort { $0.name < $1.name }
                return r
            }
        }
        let wide = try dir.make("wide", device: 3)
        var next = parts2.makeIterator()
        try wide.loadSnapshot(info) { next.next() }
        func rows(_ store: Store) throws -> [String] {
            try store.read { db in
                try ["contact", "interaction"].flatMap { table in
                    try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY id").map(\.description)
                }
            }
        }
        #expect(widened > 60)
        #expect(try rows(wide) == rows(a))
    }
}
