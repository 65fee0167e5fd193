import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore

@Suite struct RecordHubTests {
    @Test func hubsAndMemberships() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        try runner.initialize()
        #expect(try runner.ok(["hub", "list"]).contains("No hubs yet"))
        #expect(try runner.ok(["hub", "add", "PyData", "--kind", "meetup", "--url", "pydata.org", "--schedule", "first Tuesday",
                               "--location", "Berlin", "--tag", "Python"]).contains("Added hub PyData"))
        try runner.ok(["hub", "add", "Alumni Club"])
        try runner.ok(["contact", "add", "Ada Lovelace", "--voter", "set", "--org", "Engines"])
        try runner.ok(["contact", "add", "Bob Builder", "--voter", "swing"])
        #expect(try runner.ok(["hub", "join", "Ada", "PyData", "--role", "organizer"]).contains("is a member of PyData"))
        try runner.ok(["hub", "join", "Bob", "pydata"])
        try runner.ok(["hub", "join", "Bob", "Alumni"])

        var hub = try runner.object(["hub", "show", "PyData"])
        #expect(hub["name"] as? String == "PyData")
        #expect(hub["kind"] as? String == "meetup")
        #expect(hub["url"] as? String == "https://pydata.org")
        #expect(hub["schedule"] as? String == "first Tuesday")
        #expect(hub["location"] as? String == "Berlin")
        #expect(hub["tags"] as? [String] == ["python"])
        let members = hub["members"] as? [[String: Any]] ?? []
        #expect(members.compactMap { $0["name"] as? String } == ["Ada Lovelace", "Bob Builder"])
        #expect(members.first?["role"] as? String == "organizer" && members.last?["role"] is NSNull)
        #expect(members.first?["voter"] as? String == "set")
        let text = try runner.ok(["hub", "show", "PyData"])
        #expect(text.contains("Members (2)") && text.contains("Ada Lovelace  organizer · Engines · set voter"), "\(text)")

        let listed = try runner.array(["hub", "list"])
        #expect(listed.map { $0["name"] as? String } == ["Alumni Club", "PyData"])
        #expect(listed.map { $0["members"] as? Int } == [1, 2])
        #expect(listed.last?["tags"] as? [String] == ["python"])
        let table = try runner.ok(["hub", "list"]).split(separator: "\n").map(String.init)
        #expect(table == ["NAME         KIND    MEMBERS  LOCATION  TAGS", "Alumni Club          1", "PyData       meetup  2        Berlin    python", "2 hubs"])
        #expect(try runner.array(["hub", "list", "--tag", "python"]).count == 1)
        #expect(try runner.array(["contact", "list", "--hub", "PyData"]).count == 2)
        #expect((try runner.object(["contact", "show", "Bob"])["memberships"] as? [[String: Any]])?.count == 2)

        // Joining again updates the role; leaving ends the membership.
        try runner.ok(["hub", "join", "Bob", "PyData", "--role", "speaker"])
        #expect((try runner.object(["hub", "show", "PyData"])["members"] as? [[String: Any]])?.last?["role"] as? String == "speaker")
        #expect(try runner.ok(["hub", "leave", "Bob", "PyData"]).contains("left PyData"))
        #expect(try runner.array(["contact", "list", "--hub", "PyData"]).count == 1)
        try runner.refuses(["hub", "leave", "Bob", "PyData"], "is not a member of PyData")

        // Edit sets the given fields only.
        try runner.ok(["hub", "edit", "PyData", "--name", "PyData Berlin", "--clear", "schedule", "--notes", "great talks"])
        hub = try runner.object(["hub", "show", "PyData Berlin"])
        #expect(hub["schedule"] == nil && hub["notes"] as? String == "great talks" && hub["kind"] as? String == "meetup")

        // Delete and restore; members come back.
        try runner.ok(["hub", "rm", "PyData Berlin"])
        #expect(try runner.array(["hub", "list"]).count == 1)
        #expect((try runner.object(["contact", "show", "Ada"])["memberships"] as? [Any])?.isEmpty == true)
        #expect(try runner.array(["hub", "list", "--all"]).count == 2)
        try runner.refuses(["hub", "show", "PyData"], "no hub matches \"PyData\"")
        try runner.ok(["hub", "restore", "PyData"])
        #expect((try runner.object(["hub", "show", "PyData"])["members"] as? [Any])?.count == 1)
    }

    @Test func badHubInputIsRefused() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        try runner.initialize()
        try runner.ok(["hub", "add", "PyData"])
        try runner.ok(["hub", "add", "PyLadies"])
        try runner.ok(["contact", "add", "Ada Lovelace"])
        try runner.refuses(["hub", "add", "pydata"], "a hub named \"pydata\" already exists")
        try runner.refuses(["hub", "add", "Meetup", "--url", "not a url"], "malformed URL")
        try runner.refuses(["hub", "add"], "Missing expected argument '<name>'")
        try runner.refuses(["hub", "add", " "], "a hub needs a name")
        try runner.refuses(["hub", "show", "Py"], "\"Py\" matches 2 hubs")
        try runner.refuses(["hub", "join", "Ada", "Nowhere"], "no hub matches \"Nowhere\"")
        try runner.refuses(["hub", "join", "Nobody", "PyData"], "no contact matches \"Nobody\"")
        try runner.refuses(["hub", "edit", "PyData"], "nothing to change")
        try runner.refuses(["hub", "edit", "PyData", "--clear", "name"], "cannot clear \"name\"")
        try runner.refuses(["hub", "restore", "PyData"], "is not deleted")
        try runner.refuses(["hub", "join", "Ada", "PyData", "--rank", "1"], "Unknown option '--rank'")
    }
}
