import Foundation
import Testing
import TouchbaseCore
import TouchbaseInterop
import TouchbaseStore

@Suite struct RecordContactTests {
    @Test func addWithEveryFieldThenShowAndList() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        try runner.initialize()
        try runner.ok(["hub", "add", "PyData"])
        let added = try runner.ok([
            "contact", "add", "Ada Lovelace", "--org", "Analytical Engines", "--role", "Mathematician",
            "--email", "ada@Example.ORG", "--email", "ada@work.org", "--phone", "+44 20 7946 0000",
            "--linkedin", "https://uk.linkedin.com/in/AdaL/?trk=people", "--url", "ada.dev", "--location", "London",
            "--voter", "swing", "--stage", "docket", "--ask", "an intro to Babbage", "--offer", "proofreading",
            "--source", "PyCon 2025", "--notes", "likes engines", "--cadence", "30", "--birthday", "12-10",
            "--tag", "Mentors", "--tag", "  founders ", "--hub", "pydata",
        ])
        let ada = try runner.object(["contact", "show", "Ada"])
        #expect(added.contains("Added Ada Lovelace"))
        #expect(ada["id"] as? String == Schema.linkedinContactID("https://www.linkedin.com/in/adal").hex)
        #expect(ada["name"] as? String == "Ada Lovelace")
        #expect(ada["organization"] as? String == "Analytical Engines")
        #expect(ada["role"] as? String == "Mathematician")
        #expect(ada["emails"] as? [String] == ["ada@example.org", "ada@work.org"])
        #expect(ada["phones"] as? [String] == ["+44 20 7946 0000"])
        #expect(ada["linkedin"] as? String == "https://www.linkedin.com/in/adal")
        #expect(ada["urls"] as? [String] == ["https://ada.dev"])
        #expect(ada["location"] as? String == "London")
        #expect(ada["voter"] as? String == "swing")
        #expect(ada["stage"] as? String == "docket")
        #expect(ada["ask"] as? String == "an intro to Babbage")
        #expect(ada["offer"] as? String == "proofreading")
        #expect(ada["source"] as? String == "PyCon 2025")
        #expect(ada["notes"] as? String == "likes engines")
        #expect(ada["cadence"] as? Int == 30)
        #expect(ada["birthday"] as? String == "--12-10")
        #expect(ada["tags"] as? [String] == ["founders", "mentors"])
        let memberships = ada["memberships"] as? [[String: Any]] ?? []
        #expect(memberships.count == 1 && memberships.first?["hubName"] as? String == "PyData")
        #expect((ada["conflicts"] as? [Any])?.isEmpty == true)
        #expect((ada["interactions"] as? [Any])?.isEmpty == true)

        try runner.ok(["contact", "add", "Charles Babbage", "--birthday", "--12-26"])
        let charles = try runner.object(["contact", "show", "babbage"])
        #expect(charles["stage"] as? String == "want")
        #expect(charles["voter"] as? String == "unknown")
        #expect(charles["birthday"] as? String == "--12-26")
        #expect(charles["linkedin"] == nil)
        #expect(try runner.store().find("contact", "Charles").id.hex == charles["id"] as? String)

        let text = try runner.ok(["contact", "show", "Ada Lovelace"])
        for line in ["Ada Lovelace", "org", "Analytical Engines", "email     ada@example.org, ada@work.org", "birthday  --12-10",
                     "tags      founders, mentors", "hubs      PyData"] {
            #expect(text.contains(line), "show lacks \(line):\n\(text)")
        }

        let table = try runner.ok(["contact", "list"])
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("NAME") && lines[0].contains("ORG") && lines[0].contains("STAGE") && lines[0].contains("A/O"))
        #expect(lines[1].hasPrefix("Ada Lovelace     Analytical Engines  docket  swing    AO"))
        #expect(lines[2].hasPrefix("Charles Babbage                      want    unknown  --"))
        #expect(lines[3] == "2 contacts: 1 want, 1 docket")
        #expect(!table.contains("\u{1B}["), "no colour when not on a terminal")

        let listed = try runner.array(["contact", "list"])
        #expect(listed.map { $0["name"] as? String } == ["Ada Lovelace", "Charles Babbage"])
        #expect(listed[0]["tags"] as? [String] == ["founders", "mentors"])
        #expect(listed[0]["lastTouch"] is NSNull)
        #expect(listed[1]["id"] as? String == charles["id"] as? String)
    }

    @Test func theSameLinkedInProfileIsNeverAddedTwice() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        try runner.initialize()
        try runner.ok(["contact", "add", "José López", "--linkedin", "linkedin.com/in/Jos%C3%A9-lopez"])
        let jose = try runner.object(["contact", "show", "José"])
        let canonical = try #require(LinkedInURL.normalize("https://www.linkedin.com/in/jos%c3%a9-lopez/"))
        #expect(jose["linkedin"] as? String == canonical)
        #expect(jose["id"] as? String == Schema.linkedinContactID(canonical).hex, "the importers derive the same id")

        try runner.refuses(["contact", "add", "José López", "--linkedin", "https://www.linkedin.com/in/jos%C3%A9-LOPEZ/"],
                           "already has this LinkedIn profile; use `touchbase contact edit")
        try runner.refuses(["contact", "add", "Jose L.", "--linkedin", "https://m.linkedin.com/in/jos%c3%a9-lopez"], "José López")

        // A profile set later on a contact added by name alone is found too.
        try runner.ok(["contact", "add", "Grace Hopper"])
        try runner.ok(["contact", "edit", "Grace", "--linkedin", "linkedin.com/in/ghopper"])
        try runner.refuses(["contact", "add", "Grace H.", "--linkedin", "https://www.linkedin.com/in/ghopper"], "Grace Hopper")
        // Giving an existing contact someone else's profile is allowed, with a hint to merge.
        try runner.ok(["contact", "add", "G. Hopper"])
        let hint = try runner.run(["contact", "edit", "G. Hopper", "--linkedin", "linkedin.com/in/GHopper"])
        #expect(hint.status == 0 && hint.stderr.contains("Grace Hopper (") && hint.stderr.contains("contact merge"), "\(hint.stderr)")
        try runner.ok(["contact", "rm", "G. Hopper"])

        // A deleted one says how to bring it back.
        try runner.ok(["contact", "rm", "José"])
        try runner.refuses(["contact", "add", "José López", "--linkedin", "linkedin.com/in/jos%C3%A9-lopez"], "contact restore")
        #expect(try runner.array(["contact", "list"]).count == 1)
    }

    @Test func editSetsOnlyTheGivenFields() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        try runner.initialize()
        try runner.ok(["contact", "add", "Ada Lovelace", "--org", "Engines", "--email", "a@x.org", "--notes", "n", "--ask", "intro"])
        let out = try runner.ok(["contact", "edit", "Ada", "--stage", "Active", "--clear", "notes", "--add-email", "b@x.org",
                                 "--add-phone", "555-0100", "--name", "Ada King", "--tag", "mentors"])
        #expect(out.contains("Updated Ada King"))
        var ada = try runner.object(["contact", "show", "Ada"])
        #expect(ada["name"] as? String == "Ada King")
        #expect(ada["stage"] as? String == "active")
        #expect(ada["notes"] == nil)
        #expect(ada["emails"] as? [String] == ["a@x.org", "b@x.org"])
        #expect(ada["phones"] as? [String] == ["555-0100"])
        #expect(ada["organization"] as? String == "Engines")
        #expect(ada["ask"] as? String == "intro")
        #expect(ada["voter"] as? String == "unknown")
        #expect(ada["tags"] as? [String] == ["mentors"])

        try runner.ok(["contact", "edit", "Ada King", "--email", "c@x.org", "--clear", "org", "--birthday", "1815-12-10"])
        ada = try runner.object(["contact", "show", "Ada"])
        #expect(ada["emails"] as? [String] == ["c@x.org"])
        #expect(ada["organization"] == nil)
        #expect(ada["birthday"] as? String == "1815-12-10")

        try runner.refuses(["contact", "edit", "Ada"], "nothing to change")
        try runner.refuses(["contact", "edit", "Ada", "--clear", "name"], "cannot clear \"name\"")
        try runner.refuses(["contact", "edit", "Ada", "--stage", "active", "--clear", "stage"], "both set and cleared")
        try runner.refuses(["contact", "edit", "Ada", "--add-email", "nope"], "malformed email \"nope\"")
        try runner.refuses(["contact", "edit", "Ada", "--name", ""], "must not be empty")
    }

    @Test func filtersAndSearch() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        try runner.initialize()
        try runner.ok(["hub", "add", "PyData Berlin"])
        try runner.ok(["contact", "add", "Ada Lovelace", "--stage", "active", "--voter", "set", "--tag", "mentors", "--hub", "PyData"])
        try runner.ok(["contact", "add", "Charles Babbage", "--stage", "active", "--voter", "swing", "--notes", "Difference Engine"])
        try runner.ok(["contact", "add", "Grace Hopper", "--org", "Navy", "--tag", "Mentors"])
        func names(_ args: [String]) throws -> [String] { try runner.array(["contact", "list"] + args).compactMap { $0["name"] as? String } }
        #expect(try names(["--stage", "active"]) == ["Ada Lovelace", "Charles Babbage"])
        #expect(try names(["--voter", "swing"]) == ["Charles Babbage"])
        #expect(try names(["--tag", "MENTORS"]) == ["Ada Lovelace", "Grace Hopper"])
        #expect(try names(["--hub", "pydata", "--stage", "active"]) == ["Ada Lovelace"])
        #expect(try names(["--search", "engine"]) == ["Charles Babbage"])
        #expect(try names(["--search", "navy"]) == ["Grace Hopper"])
        #expect(try names(["--tag", "nobody"]).isEmpty)
        #expect(try runner.ok(["contact", "list", "--stage", "dormant"]) == "No contacts match.\n")
        try runner.refuses(["contact", "list", "--stage", "sleeping"], "stage must be one of want, docket, pending, active, dormant")
        try runner.refuses(["contact", "list", "--hub", "Nowhere"], "no hub matches \"Nowhere\"")
    }

    @Test func showTellsTheWholeTimelineAndListShowsTheLastTouch() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        try runner.initialize()
        try runner.ok(["contact", "add", "Ada Lovelace"])
        try runner.ok(["contact", "add", "Charles Babbage"])
        let ada = try #require(RecordID(hex: try runner.id("Ada")))
        let store = try runner.store()
        var ops: [Op] = []
        for day in 20...25 {
            ops += RecordOps.put("interaction", store.environment.makeRecordID(), [
                ("contact", .ref(ada)), ("date", .date(CalendarDate(year: 2026, month: 2, day: day)!)), ("kind", .text("follow-up")),
                ("direction", .text("out")), ("reason", .text("shared my blog post \(day)")), ("status", .text("done")),
            ])
        }
        ops += RecordOps.put("interaction", store.environment.makeRecordID(), [
            ("contact", .ref(ada)), ("date", .date(CalendarDate(year: 2026, month: 3, day: 9)!)), ("kind", .text("meeting")),
            ("status", .text("planned")), ("exitGoal", .text("two names")),
        ])
        try store.commit(ops)

        let shown = try runner.object(["contact", "show", "Ada"])
        let interactions = shown["interactions"] as? [[String: Any]] ?? []
        #expect(interactions.map { $0["date"] as? String } == ["2026-03-09", "2026-02-25", "2026-02-24", "2026-02-23", "2026-02-22"])
        let text = try runner.ok(["contact", "show", "Ada"])
        // The whole story: every interaction, the oldest too, each with what it said.
        #expect(text.contains("Timeline (7)"))
        #expect(text.contains("2026-03-09  meeting  planned"))
        #expect(text.contains("exit  two names"))
        #expect(text.contains("2026-02-25  follow-up"))
        #expect(text.contains("reason  \"shared my blog post 25\""))
        #expect(text.contains("reason  \"shared my blog post 20\""))
        #expect((shown["timeline"] as? [[String: Any]])?.count == 7)

        let listed = try runner.array(["contact", "list"])
        #expect(listed.first { $0["name"] as? String == "Ada Lovelace" }?["lastTouch"] as? String == "2026-02-25")
        #expect(listed.first { $0["name"] as? String == "Charles Babbage" }?["lastTouch"] is NSNull)
        #expect(try runner.ok(["contact", "list"]).contains("2026-02-25"))
    }
}
