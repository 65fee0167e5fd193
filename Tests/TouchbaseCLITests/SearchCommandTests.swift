import Foundation
import Testing

/// `touchbase search` through the real binary.
@Suite struct SearchCommandTests {
    @Test func findsWhatWasLearnedInADebrief() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        try runner.initialize()
        try runner.ok(["contact", "add", "Dana Whitfield", "--org", "Acme", "--ask", "an intro", "--offer", "my notes"])
        try runner.ok(["contact", "add", "Tomás Herrera", "--org", "Kiln Café"])
        try runner.ok(["meet", "Dana", "--on", "2026-03-02", "--exit", "who hires for data"])
        try runner.ok(["debrief", "Dana", "--learned", "the data team moves to Zillow in spring", "--next", "send notes"])

        let text = try runner.ok(["search", "zillow"])
        #expect(text.contains("Dana Whitfield"))
        #expect(text.contains("Zillow"))
        #expect(text.contains("1 match"))

        let hits = try #require(try runner.run(["search", "ZILLOW", "--json"]).json() as? [[String: Any]])
        #expect(hits.count == 1)
        #expect(hits.first?["kind"] as? String == "interaction")
        #expect(hits.first?["title"] as? String == "Dana Whitfield")
        #expect(hits.first?["date"] as? String == "2026-03-02")
        #expect(hits.first?["matches"] as? [String] == ["Zillow"])

        let accents = try #require(try runner.run(["search", "cafe", "tomas", "--json"]).json() as? [[String: Any]])
        #expect(accents.map { $0["title"] as? String } == ["Tomás Herrera"])

        let none = try runner.run(["search", "nobody-knows-this"])
        #expect(none.status == 0)
        #expect(none.stdout.contains("Nothing matches"))

        let blank = try runner.run(["search", "*?!"])
        #expect(blank.status == 64)
        #expect(blank.stderr.contains("at least one word"))
        #expect(try runner.run(["search", "x", "--limit", "0"]).status == 64)
    }
}
