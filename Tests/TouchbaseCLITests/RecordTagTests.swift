import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore

@Suite struct RecordTagTests {
    @Test func tagsOnContactsAndHubs() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        try runner.initialize()
        try runner.ok(["contact", "add", "Ada Lovelace"])
        try runner.ok(["contact", "add", "Bob Builder"])
        try runner.ok(["hub", "add", "PyData"])
        #expect(try runner.ok(["tag", "add", "Ada", "Mentors", "founders", "  mentors "]).contains("Tagged Ada Lovelace (")
                && (try runner.ok(["tag", "list", "Ada"])) == "founders\nmentors\n")
        try runner.ok(["tag", "add", "Bob", "MENTORS"])
        try runner.ok(["tag", "add", "PyData", "Local   Scene", "--hub"])

        let uses = try runner.array(["tag", "list"])
        #expect(uses.map { $0["name"] as? String } == ["founders", "local scene", "mentors"])
        #expect(uses.map { $0["contacts"] as? Int } == [1, 0, 2])
        #expect(uses.map { $0["hubs"] as? Int } == [0, 1, 0])
        let table = try runner.ok(["tag", "list"]).split(separator: "\n").map(String.init)
        #expect(table == ["TAG          CONTACTS  HUBS", "founders     1         0", "local scene  0         1", "mentors      2         0", "3 tags"])
        let ada = try runner.object(["tag", "list", "Ada"])
        #expect(ada["tags"] as? [String] == ["founders", "mentors"] && ada["entity"] as? String == "contact")
        #expect(try runner.object(["tag", "list", "PyData", "--hub"])["tags"] as? [String] == ["local scene"])
        #expect(try runner.ok(["tag", "list", "Bob"]) == "mentors\n")
        #expect(try runner.array(["contact", "list", "--tag", "Mentors"]).count == 2)

        #expect(try runner.ok(["tag", "rm", "Ada", "Founders"]).contains("Removed from Ada Lovelace"))
        #expect(try runner.object(["tag", "list", "Ada"])["tags"] as? [String] == ["mentors"])
        try runner.refuses(["tag", "rm", "Ada", "founders"], "is not tagged \"founders\"")
        try runner.refuses(["tag", "rm", "Ada", "mentors", "nope"], "is not tagged \"nope\"")
        #expect(try runner.object(["tag", "list", "Ada"])["tags"] as? [String] == ["mentors"], "a refused rm removes nothing")
        try runner.ok(["tag", "rm", "Bob", "mentors"])
        #expect(try runner.ok(["tag", "list", "Bob"]).contains("Bob Builder (") && (try runner.ok(["tag", "list", "Bob"])).contains("has no tags"))
        try runner.ok(["tag", "add", "Bob", "mentors"])
        #expect(try runner.array(["tag", "list"]).first { $0["name"] as? String == "mentors" }?["contacts"] as? Int == 2, "re-tagging works")

        try runner.refuses(["tag", "add", "Ada", " "], "a tag name must not be empty")
        try runner.refuses(["tag", "add", "Nobody", "x"], "no contact matches \"Nobody\"")
        try runner.refuses(["tag", "add", "PyData", "x"], "no contact matches \"PyData\"")
        try runner.refuses(["tag", "list", "Nowhere", "--hub"], "no hub matches \"Nowhere\"")
        try runner.refuses(["contact", "list", "--tag", "  "], "a tag name must not be empty")
    }
}
