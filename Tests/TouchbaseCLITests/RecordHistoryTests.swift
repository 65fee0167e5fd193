import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore

@Suite struct RecordHistoryTests {
    @Test func historyShowsWhoChangedWhatWhenAndWhere() throws {
        var runner = try CLIRunner()
        defer { runner.cleanup() }
        try runner.initialize(name: "laptop")
        try runner.ok(["hub", "add", "PyData"])
        try runner.ok(["contact", "add", "Ada Lovelace", "--org", "Engines"])
        runner.environment["TOUCHBASE_NOW"] = "2026-03-03T10:30:00Z"
        try runner.ok(["contact", "edit", "Ada", "--stage", "active", "--clear", "org"])
        try runner.ok(["tag", "add", "Ada", "mentors"])
        try runner.ok(["hub", "join", "Ada", "PyData", "--role", "speaker"])
        runner.environment["TOUCHBASE_NOW"] = "2026-03-04T08:00:00Z"
        try runner.ok(["contact", "rm", "Ada"])
        try runner.ok(["contact", "restore", "Ada"])

        let text = try runner.ok(["history", "Ada"])
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 8, "\(text)")
        #expect(lines[0].hasPrefix("Ada Lovelace  "))
        #expect(lines[1] == "  2026-03-02 09:00:00  laptop  name = \"Ada Lovelace\", org = \"Engines\", stage = \"want\", voter = \"unknown\"")
        #expect(lines[2] == "  2026-03-03 10:30:00  laptop  stage = \"active\", cleared org")
        #expect(lines[3] == "  2026-03-03 10:30:00  laptop  tagged mentors")
        #expect(lines[4] == "  2026-03-03 10:30:00  laptop  joined PyData as speaker")
        #expect(lines[5] == "  2026-03-04 08:00:00  laptop  deleted")
        #expect(lines[6] == "  2026-03-04 08:00:00  laptop  restored")
        #expect(lines[7] == "6 changes")

        let json = try runner.array(["history", "Ada"])
        #expect(json.count == 6)
        #expect(json.compactMap { $0["seq"] as? Int } == [2, 3, 4, 5, 6, 7])
        #expect(json.allSatisfy { $0["deviceName"] as? String == "laptop" })
        #expect(json[1]["time"] as? String == "2026-03-03T10:30:00.000Z")
        #expect(json[1]["changes"] as? [String] == ["stage = \"active\", cleared org"])
        let ops = json[1]["ops"] as? [[String: Any]] ?? []
        #expect(ops.compactMap { $0["field"] as? String } == ["stage", "organization"])
        #expect(ops.last?["value"] is NSNull)

        let hub = try runner.ok(["history", "PyData", "--hub"])
        #expect(hub.contains("name = \"PyData\"") && hub.contains("Ada Lovelace joined as speaker") && hub.contains("2 changes"))

        // Local time: the same instants read in Tokyo.
        runner.environment["TZ"] = "Asia/Tokyo"
        #expect(try runner.ok(["history", "Ada"]).contains("  2026-03-02 18:00:00  laptop  name = \"Ada Lovelace\""))

        try runner.refuses(["history", "Nobody"], "no contact matches \"Nobody\"")
        try runner.refuses(["history", "Ada", "--hub"], "no hub matches \"Ada\"")
    }
}
