import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore

/// `touchbase import` and `touchbase export` through the binary: hand-written files, malformed
/// ones, idempotent re-imports and round trips.
@Suite struct ImportCommandTests {
    /// LinkedIn's Connections.csv: byte order mark, `Notes:` preamble, CRLF, quoted commas, a
    /// blank-name row (line 6).
    static let linkedIn = "\u{FEFF}" + [
        "Notes:",
        "\"When exporting your connection data, you may notice that some of the email addresses are missing.\"",
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
        "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace/,ada@example.com,\"Analytical Engines, Ltd.\",\"Programmer, first\",12 Mar 2024",
        ",,,,Hidden Inc,,05 Jan 2023",
        "Grace,Hopper,https://uk.linkedin.com/in/GraceHopper?trk=x,,US Navy,Rear Admiral,01 Feb 2024",
        "",
    ].joined(separator: "\r\n")

    static let google = [
        "First Name,Middle Name,Last Name,Nickname,File As,Organization Name,Organization Title,Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Website 1 - Label,Website 1 - Value",
        "Katherine,,Johnson,,,NASA,Mathematician,1918-08-26,\"Orbits, trajectories\",Mentors ::: * myContacts,* Work,kj@nasa.example,Mobile,+1 757 555 0100,Profile,https://www.linkedin.com/in/katherine-johnson",
        "Ada,,Lovelace,,,,,,,,* Home,ADA@example.com,,,,",
        "",
    ].joined(separator: "\n")

    static let outlook = [
        "\"First Name\",\"Last Name\",\"E-mail Address\",\"Job Title\",\"Company\",\"Mobile Phone\",\"Web Page\",\"Categories\"",
        "\"Evelyn\",\"Granville\",\"evelyn@ibm.example\",\"Mathematician\",\"IBM\",\"+1 (202) 555-0147\",\"https://evelyn.example\",\"Mentors; Math\"",
        "",
    ].joined(separator: "\r\n")

    static let vcard3 = [
        "BEGIN:VCARD", "VERSION:3.0", "N:Hamilton;Margaret;;;", "FN:Margaret Hamilton", "ORG:MIT;Apollo",
        "EMAIL;type=INTERNET;type=WORK:margaret@mit.example", "TEL;type=CELL:+1 617 555 0199",
        "NOTE:Wrote the guidance software\\, and led the team.", "CATEGORIES:Mentors,Space", "UID:ABC-123:ABPerson", "END:VCARD", "",
    ].joined(separator: "\r\n")

    static let vcard4 = [
        "BEGIN:VCARD", "VERSION:4.0", "FN:Annie Easley", "EMAIL:annie@nasa.example", "BDAY:--0423",
        "URL:https://www.linkedin.com/in/annie-easley", "X-TOUCHBASE-STAGE:want", "X-TOUCHBASE-VOTER:swing", "END:VCARD", "",
    ].joined(separator: "\r\n")

    func write(_ runner: CLIRunner, _ name: String, _ text: String) throws -> String {
        let url = runner.home.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func contacts(_ seed: WorkflowSeed) throws -> [Record] { try seed.store.records(RecordQuery(entity: "contact")) }

    @Test func linkedInImportAndReimport() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        let seed = try WorkflowSeed(runner)
        let file = try write(runner, "Connections.csv", Self.linkedIn)
        let out = try runner.ok(["import", "linkedin", file])
        #expect(out.contains("Imported 2 new, 0 updated, 0 unchanged, 1 skipped (LinkedIn Connections CSV)."))
        #expect(out.contains("skipped line 6: no first or last name"))
        let people = try contacts(seed)
        #expect(people.map(\.displayName) == ["Ada Lovelace", "Grace Hopper"])
        let ada = people[0]
        #expect(ada.id == Schema.linkedinContactID("https://www.linkedin.com/in/ada-lovelace"))
        #expect(ada["organization"] == .text("Analytical Engines, Ltd.") && ada["role"] == .text("Programmer, first"))
        #expect(ada["emails"] == .texts(["ada@example.com"]) && ada["connectedOn"] == .date(CalendarDate("2024-03-12")!))
        #expect(ada["source"] == .text("LinkedIn"))
        #expect(people[1]["linkedin"] == .text("https://www.linkedin.com/in/gracehopper"))

        let before = try runner.databaseFingerprint()
        let again = try runner.jsonObject(["import", "linkedin", file])
        #expect(again["imported"] as? Int == 0 && again["updated"] as? Int == 0 && again["unchanged"] as? Int == 2)
        #expect((again["skipped"] as? [[String: Any]])?.first?["line"] as? Int == 6)
        #expect(try runner.databaseFingerprint() == before)
    }

    @Test func importIsOneChange() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        let seed = try WorkflowSeed(runner)
        let before = try seed.store.version()
        try runner.ok(["import", "linkedin", try write(runner, "c.csv", Self.linkedIn)])
        let device = try seed.store.device
        #expect(try seed.store.version()[device] == before[device] + 1)
    }

    @Test func googleOutlookAndVCardsNeverDuplicate() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        let seed = try WorkflowSeed(runner)
        try runner.ok(["import", "linkedin", try write(runner, "li.csv", Self.linkedIn)])
        // Google: Katherine is new; Ada is recognised by her email and gains nothing but a label-less row.
        let g = try runner.jsonObject(["import", "csv", try write(runner, "google.csv", Self.google)])
        #expect(g["format"] as? String == "Google Contacts CSV")
        #expect(g["imported"] as? Int == 1 && g["updated"] as? Int == 0 && g["unchanged"] as? Int == 1)
        let o = try runner.jsonObject(["import", "csv", try write(runner, "outlook.csv", Self.outlook)])
        #expect(o["format"] as? String == "Outlook CSV" && o["imported"] as? Int == 1)
        // vCards: a directory of 3.0 and 4.0 files.
        let dir = runner.home.appendingPathComponent("cards")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data(Self.vcard3.utf8).write(to: dir.appendingPathComponent("margaret.vcf"))
        try Data(Self.vcard4.utf8).write(to: dir.appendingPathComponent("annie.vcf"))
        try Data("not a card".utf8).write(to: dir.appendingPathComponent("readme.txt"))
        let v = try runner.jsonObject(["import", "vcard", dir.path])
        #expect(v["imported"] as? Int == 2)
        let people = try contacts(seed)
        #expect(people.map(\.displayName) == ["Ada Lovelace", "Annie Easley", "Evelyn Granville", "Grace Hopper", "Katherine Johnson", "Margaret Hamilton"])
        let kj = try #require(people.first { $0.displayName == "Katherine Johnson" })
        #expect(kj["notes"] == .text("Orbits, trajectories") && kj["birthday"] == .date(CalendarDate("1918-08-26")!))
        #expect(try seed.store.tagNames(of: kj.id, entity: "contact") == ["mentors"])
        let annie = try #require(people.first { $0.displayName == "Annie Easley" })
        #expect(annie["stage"] == .text("want") && annie["voter"] == .text("swing") && annie["birthday"] == .date(CalendarDate("--04-23")!))
        let margaret = try #require(people.first { $0.displayName == "Margaret Hamilton" })
        #expect(margaret["uid"] == .text("ABC-123:ABPerson") && margaret["notes"] == .text("Wrote the guidance software, and led the team."))

        // Every file again: nothing new, nothing updated, nothing written.
        let before = try runner.databaseFingerprint()
        for (kind, path) in [("csv", "google.csv"), ("csv", "outlook.csv"), ("linkedin", "li.csv")] {
            let r = try runner.jsonObject(["import", kind, runner.home.appendingPathComponent(path).path])
            #expect(r["imported"] as? Int == 0 && r["updated"] as? Int == 0, "\(path)")
        }
        let rv = try runner.jsonObject(["import", "vcard", dir.path])
        #expect(rv["imported"] as? Int == 0 && rv["updated"] as? Int == 0)
        #expect(try runner.databaseFingerprint() == before)
    }

    @Test func updatesOnlyChangedFields() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        let seed = try WorkflowSeed(runner)
        try runner.ok(["import", "linkedin", try write(runner, "li.csv", Self.linkedIn)])
        let moved = Self.linkedIn.replacingOccurrences(of: "US Navy,Rear Admiral", with: "US Navy,Commodore")
        let r = try runner.jsonObject(["import", "linkedin", try write(runner, "li2.csv", moved)])
        #expect(r["imported"] as? Int == 0 && r["updated"] as? Int == 1 && r["unchanged"] as? Int == 1)
        let grace = try seed.store.record("contact", id: Schema.linkedinContactID("https://www.linkedin.com/in/gracehopper"))
        #expect(grace?["role"] == .text("Commodore"))
        let history = try seed.store.history(of: grace!.id)
        #expect(history.last?.ops.map(\.field) == ["role"])
    }

    @Test func exportImportRoundTrips() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        let seed = try WorkflowSeed(runner)
        let ada = try seed.contact("Ada Lovelace", stage: "active", voter: "swing", ask: "an intro", offer: "a review", cadence: 30,
                                   emails: ["ada@example.com"], linkedin: "https://www.linkedin.com/in/ada")
        try seed.contact("Bob \"The Builder\", Jr.", stage: "want")
        try seed.store.commit(RecordOps.put("contact", ada, [("notes", .text("line one\nline two, with comma")), ("birthday", .date(CalendarDate("--12-10")!))])
                              + RecordOps.tag(ada, "mentors") + RecordOps.join(contact: ada, hub: try seed.hub("Job Club")))
        try seed.interaction(ada, "2026-02-20", kind: "meeting", extra: [("followUp", .date(CalendarDate("2026-03-09")!))])

        let csv = try runner.ok(["export", "csv"])
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "id,name,given_name,family_name,organization,role,emails,phones,linkedin,urls,location,stage,voter,ask,offer,source,cadence_days,birthday,connected_on,tags,hubs,notes,last_touch,next_follow_up")
        #expect(csv.contains("\(ada.hex),Ada Lovelace,Ada,Lovelace,,,ada@example.com,,https://www.linkedin.com/in/ada,,,active,swing,an intro,a review,,30,'--12-10,,mentors,Job Club,"))  // formula-protected
        #expect(csv.contains(",2026-02-20,2026-03-09\r\n"))

        let csvFile = runner.home.appendingPathComponent("out.csv").path
        let r = try runner.run(["export", "csv", "--output", csvFile])
        #expect(r.status == 0 && r.stdout.isEmpty && r.stderr.contains("Exported 2 contacts"))
        let vcfFile = runner.home.appendingPathComponent("out.vcf").path
        try runner.ok(["export", "vcard", "--output", vcfFile])
        let vcf = try String(contentsOfFile: vcfFile, encoding: .utf8)
        #expect(vcf.contains("VERSION:4.0"))
        #expect(vcf.contains("UID:urn:uuid:"))

        let before = try runner.databaseFingerprint()
        let c = try runner.jsonObject(["import", "csv", csvFile])
        #expect(c["format"] as? String == "Touchbase CSV")
        #expect(c["imported"] as? Int == 0 && c["updated"] as? Int == 0 && c["unchanged"] as? Int == 2)
        let v = try runner.jsonObject(["import", "vcard", vcfFile])
        #expect(v["imported"] as? Int == 0 && v["updated"] as? Int == 0 && v["unchanged"] as? Int == 2)
        #expect(try runner.databaseFingerprint() == before)

        // Into an empty database, the round trip keeps ids: syncing the two later merges them.
        let other = try CLIRunner()
        defer { other.cleanup() }
        let otherSeed = try WorkflowSeed(other)
        let fresh = try other.jsonObject(["import", "vcard", vcfFile])
        #expect(fresh["imported"] as? Int == 2)
        let copy = try #require(try otherSeed.store.record("contact", id: ada))
        #expect(copy["notes"] == .text("line one\nline two, with comma") && copy["stage"] == .text("active") && copy["cadence"] == .int(30))
        #expect(try otherSeed.store.tagNames(of: ada, entity: "contact") == ["mentors"])
        #expect(try otherSeed.store.memberships(ofContact: ada).map(\.hub.displayName) == ["Job Club"])
        let again = try other.jsonObject(["import", "csv", csvFile])
        #expect(again["imported"] as? Int == 0 && again["updated"] as? Int == 0)
    }

    @Test func malformedFilesWriteNothing() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        _ = try WorkflowSeed(runner)
        let wrongHeader = try write(runner, "wrong.csv", "Foo,Bar,Baz\n1,2,3\n")
        var err = try runner.refused(["import", "csv", wrongHeader])
        #expect(err.contains("Line 1: the header \"Foo,Bar,Baz\" is not one of"))
        #expect(err.contains("Nothing was imported."))
        err = try runner.refused(["import", "linkedin", try write(runner, "g.csv", Self.google)])
        #expect(err.contains("Google Contacts CSV"))
        let junk = runner.home.appendingPathComponent("junk.csv")
        try Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF, 0xFE, 0x00, 0x13, 0x37]).write(to: junk)
        err = try runner.refused(["import", "csv", junk.path])
        #expect(err.contains("binary") || err.contains("UTF-8"))
        // A file that breaks at its last row imports none of the rows before.
        let unterminated = Self.linkedIn + "Alan,Turing,https://www.linkedin.com/in/alan,\"Bletchley,Park,Cryptanalyst,01 Jan 2024\r\n"
        err = try runner.refused(["import", "linkedin", try write(runner, "broken.csv", unterminated)])
        #expect(err.contains("never closed"))
        err = try runner.refused(["import", "vcard", try write(runner, "bad.vcf", "BEGIN:VCARD\r\nFN:Open Card\r\n")])
        #expect(err.contains("END:VCARD"))
        try runner.refused(["import", "vcard", try write(runner, "text.vcf", "hello\n")])
        try runner.refused(["import", "csv", runner.home.appendingPathComponent("missing.csv").path])
        try runner.refused(["import", "csv", try write(runner, "empty.csv", "")])
        try runner.refused(["export", "csv", "--output", "/nonexistent-dir/x.csv"])
    }

    @Test func dryRunWritesNothing() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        let seed = try WorkflowSeed(runner)
        let before = try runner.databaseFingerprint()
        let out = try runner.ok(["import", "linkedin", try write(runner, "li.csv", Self.linkedIn), "--dry-run"])
        #expect(out.contains("Would import 2 new"))
        #expect(try runner.databaseFingerprint() == before)
        #expect(try contacts(seed).isEmpty)
    }

    @Test func largeImportIsFastEnoughAndOneChange() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        let seed = try WorkflowSeed(runner)
        var rows = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
        for i in 0..<2000 { rows.append("Person,Number \(i),https://www.linkedin.com/in/person-\(i),p\(i)@example.com,Company \(i % 50),Engineer,01 Jan 2024") }
        let file = try write(runner, "big.csv", rows.joined(separator: "\n"))
        let r = try runner.jsonObject(["import", "linkedin", file])
        #expect(r["imported"] as? Int == 2000)
        #expect(try seed.store.version()[try seed.store.device] == 1)
        let again = try runner.jsonObject(["import", "linkedin", file])
        #expect(again["unchanged"] as? Int == 2000)
    }
}
