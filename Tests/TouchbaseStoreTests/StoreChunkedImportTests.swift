import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// A file imported chunk by chunk (bounded memory) gives exactly what the whole-file import gave:
/// the same contacts, tags, hubs, counts and warnings, and a second import changes nothing.
@Suite struct StoreChunkedImportTests {
    final class Counter: @unchecked Sendable {
        var n: UInt64 = 0
        func next() -> UInt64 { n += 1; return n }
    }

    static func store(_ dir: URL, _ name: String) throws -> Store {
        let ids = Counter()
        let env = StoreEnvironment(now: { 1_772_000_000_000 }, makeRecordID: { Fixtures.record(10_000 + ids.next()) },
                                   makeDeviceID: { Fixtures.device(1) })
        return try Store.create(at: dir.appendingPathComponent(name).path, deviceName: "laptop", environment: env)
    }

    /// Rows that match each other across chunk boundaries in every way the planner knows.
    static func people() -> [ImportPerson] {
        var rows: [ImportPerson] = []
        for i in 0..<60 {
            rows.append(ImportPerson(line: rows.count + 2, name: "Person \(i)", emails: ["p\(i)@example.com"], phones: ["+1 555 01\(i)"],
                                     tags: i % 3 == 0 ? ["Mentors"] : [], hubs: i % 4 == 0 ? ["PyData \(i % 8)"] : []))
        }
        rows.append(ImportPerson(line: rows.count + 2, name: "Linked", linkedin: "https://www.linkedin.com/in/linked"))
        rows.append(ImportPerson(line: rows.count + 2, name: "Has UID", uid: "abc-uid"))
        rows.append(ImportPerson(line: rows.count + 2, id: Fixtures.record(7), name: "With Id"))
        // Later rows meeting earlier ones: by email (other case), LinkedIn, UID, id.
        rows.append(ImportPerson(line: rows.count + 2, name: "Person 3 again", organization: "Acme", emails: ["P3@Example.com"], tags: ["founders"]))
        rows.append(ImportPerson(line: rows.count + 2, name: "Linked", role: "CTO", linkedin: "https://www.linkedin.com/in/linked", hubs: ["PyData 0"]))
        rows.append(ImportPerson(line: rows.count + 2, name: "Has UID", emails: ["uid@example.com"], uid: "abc-uid"))
        rows.append(ImportPerson(line: rows.count + 2, name: "Mail of UID", emails: ["uid@example.com"]))
        rows.append(ImportPerson(line: rows.count + 2, id: Fixtures.record(7), name: "With Id", stage: "docket"))
        rows.append(ImportPerson(line: rows.count + 2, name: "  "))
        rows.append(ImportPerson(line: rows.count + 2, name: "Bad stage", stage: "sideways"))
        rows.append(ImportPerson(line: rows.count + 2, name: "Person 10", emails: ["p10@example.com"], phones: ["+1 555 0110"]))
        return rows
    }

    static func observed(_ store: Store) throws -> [String] {
        try store.exportContacts().map { e in
            "\(e.record.id.hex) \(e.record.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }) tags=\(e.tags) hubs=\(e.hubs)"
        }
    }

    static func chunked(_ store: Store, _ people: [ImportPerson], size: Int, dryRun: Bool = false) throws -> ImportPlan {
        var rest = people[...]
        return try store.importPeople(defaultSource: "Test", dryRun: dryRun) {
            guard !rest.isEmpty else { return nil }
            defer { rest = rest.dropFirst(size) }
            return Array(rest.prefix(size))
        }
    }

    @Test(arguments: [1, 7, 1000])
    func chunksGiveWhatTheWholeFileGave(size: Int) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tb-chunks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let whole = try Self.store(dir, "whole.sqlite"), parts = try Self.store(dir, "parts.sqlite")
        // Something already there to match and to update.
        for s in [whole, parts] {
            try s.commit(RecordOps.put("contact", Fixtures.record(1), [("name", .text("Person 5")), ("emails", .texts(["p5@example.com"]))]))
        }
        let a = try whole.importPeople(Self.people(), defaultSource: "Test")
        let b = try Self.chunked(parts, Self.people(), size: size)
        #expect((b.created, b.updated, b.unchanged, b.hubsCreated) == (a.created, a.updated, a.unchanged, a.hubsCreated))
        #expect(b.skipped == a.skipped)
        #expect(b.warnings == a.warnings)
        #expect(try Self.observed(parts) == Self.observed(whole))
        // Importing the same file again: the same outcome again.
        let again = try Self.chunked(parts, Self.people(), size: size)
        let againWhole = try whole.importPeople(Self.people(), defaultSource: "Test")
        #expect((again.created, again.updated, again.unchanged, again.hubsCreated) == (againWhole.created, againWhole.updated, againWhole.unchanged, againWhole.hubsCreated))
        #expect(again.warnings == againWhole.warnings)
        #expect(try Self.observed(parts) == Self.observed(whole))
    }

    @Test func reimportingAFileInChunksChangesNothing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tb-chunks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Self.store(dir, "s.sqlite")
        let people = (0..<3_000).map { i in
            ImportPerson(line: i + 2, name: "Person \(i)", emails: ["p\(i)@example.com"], linkedin: i % 2 == 0 ? "https://www.linkedin.com/in/p\(i)" : nil,
                         tags: i % 5 == 0 ? ["five"] : [], uid: i % 3 == 0 ? "uid-\(i)" : nil, hubs: i % 7 == 0 ? ["Seven"] : [])
        }
        let first = try Self.chunked(store, people, size: 700)
        #expect(first.created == 3_000 && first.hubsCreated == 1)
        let before = try store.version()
        let again = try Self.chunked(store, people, size: 700)
        #expect((again.created, again.updated, again.unchanged, again.hubsCreated) == (0, 0, 3_000, 0))
        #expect(try store.version() == before)
        #expect(try store.exportContacts().count == 3_000)
    }

    @Test func aFailingChunkImportsNothingAndADryRunWritesNothing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tb-chunks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Self.store(dir, "s.sqlite")
        struct Broken: Error {}
        var calls = 0
        #expect(throws: Broken.self) {
            try store.importPeople {
                calls += 1
                if calls == 3 { throw Broken() }
                return [ImportPerson(line: calls, name: "Row \(calls)")]
            }
        }
        #expect(try store.exportContacts().isEmpty)
        #expect(try store.version() == VersionVector())
        let plan = try Self.chunked(store, Self.people(), size: 5, dryRun: true)
        #expect(plan.created > 0)
        #expect(try store.exportContacts().isEmpty)
        #expect(try store.version() == VersionVector())
    }
}
