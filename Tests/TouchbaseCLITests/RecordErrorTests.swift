import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore

/// Bad input: a clear message on standard error, a non-zero exit, and the database as it was.
@Suite struct RecordErrorTests {
    @Test func badContactInputIsRefused() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        try runner.initialize()
        try runner.ok(["contact", "add", "Ada Lovelace", "--org", "Analytical Engines"])
        try runner.ok(["contact", "add", "Ada King"])
        try runner.ok(["hub", "add", "PyData"])
        #expect(try runner.databaseFingerprint() != "")

        // Unknown and ambiguous contacts.
        try runner.refuses(["contact", "show", "Nobody"], "no contact matches \"Nobody\"")
        try runner.refuses(["contact", "edit", "Nobody", "--stage", "active"], "no contact matches")
        try runner.refuses(["contact", "rm", "Nobody"], "no contact matches")
        try runner.refuses(["contact", "restore", "Nobody"], "no contact matches")
        try runner.refuses(["contact", "merge", "Nobody", "--into", "Ada King"], "no contact matches")
        let ambiguous = try runner.fails(["contact", "edit", "Ada", "--stage", "active"])
        #expect(ambiguous.contains("\"Ada\" matches 2 contacts; use an id prefix"))
        #expect(ambiguous.contains("Ada Lovelace  (Analytical Engines)") && ambiguous.contains("Ada King"))
        try runner.refuses(["contact", "rm", "ada"], "matches 2 contacts")
        try runner.refuses(["hub", "join", "Ada", "PyData"], "matches 2 contacts")
        try runner.refuses(["tag", "add", "Ada", "mentors"], "matches 2 contacts")

        // Malformed values.
        try runner.refuses(["contact", "add", "Grace", "--email", "grace.navy.mil"], "malformed email \"grace.navy.mil\"")
        try runner.refuses(["contact", "add", "Grace", "--email", "ok@navy.mil", "--email", "two@@navy"], "malformed email")
        try runner.refuses(["contact", "add", "Grace", "--phone", "call me"], "malformed phone number")
        try runner.refuses(["contact", "add", "Grace", "--url", "ftp://navy.mil"], "malformed URL")
        try runner.refuses(["contact", "add", "Grace", "--linkedin", "https://example.com/in/grace"], "not a LinkedIn profile URL")
        try runner.refuses(["contact", "add", "Grace", "--linkedin", "https://linkedin.com/company/navy"], "not a LinkedIn profile URL")
        try runner.refuses(["contact", "add", "Grace", "--birthday", "1906-02-30"], "malformed date \"1906-02-30\"")
        try runner.refuses(["contact", "add", "Grace", "--birthday", "next week"], "malformed date")
        try runner.refuses(["contact", "edit", "Ada King", "--birthday", "13-01"], "malformed date")
        try runner.refuses(["contact", "add", "Grace", "--stage", "hot"], "stage must be one of want, docket, pending, active, dormant")
        try runner.refuses(["contact", "add", "Grace", "--voter", "maybe"], "voter must be one of set, swing, unknown")
        try runner.refuses(["contact", "add", "Grace", "--cadence", "weekly"], "cadence must be a whole number")
        try runner.refuses(["contact", "add", "Grace", "--tag", "  "], "a tag name must not be empty")
        try runner.refuses(["contact", "add", "Grace", "--hub", "Nowhere"], "no hub matches \"Nowhere\"")

        // Missing required field, unknown option.
        try runner.refuses(["contact", "add"], "Missing expected argument '<name>'")
        try runner.refuses(["contact", "add", "   "], "a contact needs a name")
        try runner.refuses(["contact", "add", "Grace", "--colour", "blue"], "Unknown option '--colour'")
        try runner.refuses(["contact", "merge", "Ada King"], "Missing expected argument '--into <survivor>'")

        // Refusals that depend on what is stored.
        try runner.refuses(["contact", "merge", "Ada King", "--into", "ada k"], "are the same contact")
        try runner.refuses(["contact", "restore", "Ada King"], "is not deleted")
        #expect(try runner.array(["contact", "list"]).count == 2)
    }
}
