import Foundation
import Testing

/// The commands that only show things (`today` without `--target`, `board`, `contact list`,
/// `agenda`, `pace`, `hub list`, `search`, `contact show`) open the database for reading: running them leaves its files as they were, and what they print is
/// what the writable open printed.
@Suite struct ReadCommandsTests {
    /// The database file and its `-wal` (empty when there is none).
    static func files(_ r: CLIRunner) throws -> (Data, Data) {
        let path = r.home.appendingPathComponent("touchbase.sqlite").path
        let wal = (try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data()
        return (try Data(contentsOf: URL(fileURLWithPath: path)), wal)
    }

    static func world() throws -> CLIRunner {
        let r = try CLIRunner()
        try r.ok(["init", "--name", "laptop"])
        try r.ok(["contact", "add", "Ada Lovelace", "--stage", "want", "--ask", "an intro", "--offer", "notes", "--tag", "mentor"])
        try r.ok(["contact", "add", "Ben Okri", "--stage", "docket", "--org", "Northwind"])
        try r.ok(["contact", "add", "Cleo Park", "--stage", "active", "--cadence", "14"])
        try r.ok(["contact", "add", "Dee Rams"])
        try r.ok(["touch", "Cleo Park", "--reason", "saw your talk", "--on", "2026-02-01"])
        return r
    }

    @Test func readCommandsLeaveTheDatabaseFilesAsTheyWere() throws {
        let r = try Self.world()
        defer { r.cleanup() }
        let before = try Self.files(r)
        let today = try r.ok(["today"])
        let board = try r.ok(["board"])
        let list = try r.ok(["contact", "list"])
        let filtered = try r.ok(["contact", "list", "--stage", "want"])
        let json = try r.ok(["today", "--json"])
        let after = try Self.files(r)
        #expect(after.0 == before.0, "a read command changed the database file")
        #expect(after.1.isEmpty || after.1 == before.1, "a read command wrote to the WAL")
        #expect(today.contains("Cleo Park") && today.contains("Ada Lovelace"))
        #expect(board.contains("Ben Okri") && board.contains("Dee Rams"))
        #expect(list.contains("Dee Rams") && list.contains("4 contacts: "))
        #expect(filtered.contains("Ada Lovelace") && !filtered.contains("Ben Okri"))
        #expect(json.contains("\"newTouches\""))
    }

    @Test func theOtherReadCommandsLeaveTheDatabaseFilesAsTheyWere() throws {
        let r = try Self.world()
        defer { r.cleanup() }
        try r.ok(["hub", "add", "Data Meetup"])
        // The first search brings the search index up to date (a write); later ones only read.
        #expect(try r.ok(["search", "Cleo"]).contains("Cleo Park"))
        let before = try Self.files(r)
        let agenda = try r.ok(["agenda"])
        let pace = try r.ok(["pace"])
        let hubs = try r.ok(["hub", "list"])
        let search = try r.ok(["search", "Ada"])
        let show = try r.ok(["contact", "show", "Cleo Park"])
        let showJSON = try r.ok(["contact", "show", "Ada Lovelace", "--json"])
        let after = try Self.files(r)
        #expect(after.0 == before.0, "a read command changed the database file")
        #expect(after.1.isEmpty || after.1 == before.1, "a read command wrote to the WAL")
        #expect(agenda.contains("Agenda"))
        #expect(!pace.isEmpty)
        #expect(hubs.contains("Data Meetup"))
        #expect(search.contains("Ada Lovelace"))
        #expect(show.contains("Cleo Park") && show.contains("saw your talk"))
        #expect(showJSON.contains("\"Ada Lovelace\""))
    }

    @Test func aSearchOpenedForReadingStillFindsWhatWasJustAdded() throws {
        let r = try Self.world()
        defer { r.cleanup() }
        #expect(try r.ok(["search", "Cleo"]).contains("Cleo Park"))
        try r.ok(["contact", "add", "Eve Zephyr", "--notes", "met at the harbour"])
        #expect(try r.ok(["search", "harbour"]).contains("Eve Zephyr"))
        #expect(try r.ok(["search", "Zephyr"]).contains("Eve Zephyr"))
    }

    @Test func todayWithATargetStillSetsIt() throws {
        let r = try Self.world()
        defer { r.cleanup() }
        let before = try Self.files(r)
        let out = try r.ok(["today", "--target", "3"])
        #expect(out.contains("0 of 3 done"))
        #expect(try r.ok(["today"]).contains("0 of 3 done"))
        let after = try Self.files(r)
        #expect(after.0 != before.0 || after.1 != before.1)
    }
}
