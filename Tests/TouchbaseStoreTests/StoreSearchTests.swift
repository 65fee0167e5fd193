import Foundation
import GRDB
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// Full-text search: accent- and case-insensitive, ranked, with snippets; kept up to date through
/// local edits, remote Changes, deletes and merges.
@Suite struct StoreSearchTests {
    let dir: URL
    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("tb-search-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    func store(_ name: String) throws -> Store {
        try Store.create(at: dir.appendingPathComponent("\(name).sqlite").path, deviceName: name)
    }

    func put(_ store: Store, _ entity: String, _ id: RecordID, _ fields: [String: Value]) throws {
        _ = try store.commit(fields.sorted { $0.key < $1.key }.map { Op(entity: entity, record: id, field: $0.key, value: $0.value) })
    }

    @Test func findsADebriefUnderItsContactIgnoringCaseAndAccents() throws {
        let s = try store("a")
        let dana = Fixtures.record(1), tomas = Fixtures.record(2), meeting = Fixtures.record(3)
        try put(s, "contact", dana, ["name": .text("Dana Whitfield"), "organization": .text("Acme")])
        try put(s, "contact", tomas, ["name": .text("Tomás Herrera"), "ask": .text("an intro to the café owners")])
        try put(s, "interaction", meeting, ["contact": .ref(dana), "kind": .text("meeting"), "date": .date(CalendarDate(year: 2026, month: 3, day: 4)!),
                                             "learned": .text("They are moving the whole data team to Zillow next spring.")])
        let hits = try s.search("ZILLOW")
        #expect(hits.count == 1)
        #expect(hits.first?.kind == .interaction)
        #expect(hits.first?.contact == dana)
        #expect(hits.first?.title == "Dana Whitfield")
        #expect(hits.first?.snippet.contains { $0.match && $0.text == "Zillow" } == true)
        #expect(try s.search("tomas").map(\.record) == [tomas])
        #expect(try s.search("CAFE").map(\.record) == [tomas])
        #expect(try s.search("herr").map(\.record) == [tomas], "a word prefix matches")
        #expect(try s.search("tomas zillow").isEmpty, "every word must appear in one record")
        #expect(try s.search("\"*) OR NEAR(").isEmpty, "query syntax is taken literally, never an error")
        #expect(try s.search("  ").isEmpty)
    }

    @Test func ranksNameMatchesFirstAndHonoursTheLimit() throws {
        let s = try store("a")
        for i in 1...5 {
            try put(s, "contact", Fixtures.record(UInt64(i)), ["name": .text("Person \(i)"), "notes": .text("met at the Northwind mixer")])
        }
        try put(s, "contact", Fixtures.record(9), ["name": .text("Northwind Recruiter")])
        let hits = try s.search("northwind")
        #expect(hits.count == 6)
        #expect(hits.first?.record == Fixtures.record(9))
        #expect(try s.search("northwind", limit: 2).count == 2)
    }

    @Test func followsEditsDeletesAndMerges() throws {
        let s = try store("a")
        let ada = Fixtures.record(1), dup = Fixtures.record(2)
        try put(s, "contact", ada, ["name": .text("Ada Lovelace")])
        try put(s, "contact", dup, ["name": .text("A. Lovelace"), "notes": .text("knows Babbage")])
        #expect(try s.search("babbage").map(\.record) == [dup])
        try put(s, "contact", dup, [Merger.mergedIntoField: .ref(ada)])
        #expect(try s.search("babbage").map(\.record) == [ada], "a merged duplicate's words show under its survivor")
        #expect(try s.search("lovelace").map(\.record) == [ada], "one hit per person")
        try put(s, "contact", dup, ["notes": .text("knows Menabrea")])
        #expect(try s.search("babbage").isEmpty, "an edit replaces the indexed words")
        #expect(try s.search("menabrea").map(\.record) == [ada])
        try put(s, "contact", ada, [Merger.deletedField: .bool(true)])
        #expect(try s.search("lovelace").isEmpty, "a deleted contact is not found")
        try put(s, "contact", ada, [Merger.deletedField: .bool(false)])
        #expect(try s.search("lovelace").map(\.record) == [ada], "restored, it is found again")
    }

    @Test func indexesRemoteChanges() throws {
        let a = try store("a"), b = try store("b")
        let hub = Fixtures.record(7)
        let change = try #require(try a.commit([Op(entity: "hub", record: hub, field: "name", value: .text("Data Dinner Club")),
                                                Op(entity: "hub", record: hub, field: "notes", value: .text("second Thursday at Kiln"))]))
        #expect(try b.search("kiln").isEmpty)
        _ = try b.apply([change])
        let hits = try b.search("kiln")
        #expect(hits.map(\.record) == [hub])
        #expect(hits.first?.kind == .hub)
        #expect(hits.first?.title == "Data Dinner Club")
    }

    @Test func aSearchWithNothingToReindexDoesNotWaitForAnotherWriter() throws {
        let path = dir.appendingPathComponent("busy.sqlite").path
        let s = try Store.create(at: path, deviceName: "a")
        try put(s, "contact", Fixtures.record(1), ["name": .text("Ada Lovelace")])
        #expect(try s.search("ada").count == 1)  // indexes
        // Another process holds the write lock, as a long sync does.
        let other = try DatabaseQueue(path: path)
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            let start = Date()
            #expect(try s.search("lovelace").map(\.record) == [Fixtures.record(1)])
            #expect(Date().timeIntervalSince(start) < 5, "the search waited for the other writer")
            try db.execute(sql: "ROLLBACK")
        }
    }

    @Test func aDatabaseFromBeforeSearchIsIndexedByItsMigration() throws {
        let path = dir.appendingPathComponent("old.sqlite").path
        let s = try Store.create(at: path, deviceName: "a")
        try put(s, "reason", Fixtures.record(4), ["text": .text("I wrote a post on hiring loops")])
        // Take the database back to the schema before search existed.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            for entity in ["contact", "hub", "interaction", "reason"] {
                for event in ["insert", "update", "delete"] { try db.execute(sql: "DROP TRIGGER search_\(entity)_\(event)") }
            }
            try db.execute(sql: "DROP TABLE searchText; DROP TABLE searchDoc; DROP TABLE searchDirty; DELETE FROM grdb_migrations WHERE identifier = 'v4-search'")
        }
        try queue.close()
        let reopened = try Store.open(at: path)
        #expect(try reopened.search("hiring").map(\.kind) == [.reason])
    }
}
