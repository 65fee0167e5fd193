import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore

/// The `--json` shapes of the workflow commands as docs/JSON.md documents them: every key present,
/// absent values as `null`.
@Suite struct WorkflowJSONShapeTests {
    func keys(_ o: [String: Any]?) -> Set<String> { Set(o?.keys.map { $0 } ?? []) }

    @Test func actionShapesKeepEveryKeyWithNulls() throws {
        let runner = try CLIRunner(now: "2026-03-02T09:00:00Z")
        defer { runner.cleanup() }
        let seed = try WorkflowSeed(runner)
        try seed.contact("Ada Lovelace", stage: "want")
        try seed.contact("Ben Okri")

        let touch = try runner.jsonObject(["touch", "Ada", "--reason", "hi"])
        #expect(keys(touch) == ["interaction", "contact", "name", "kind", "date", "stage", "forced", "reasonUsedBefore"])
        let reply = try runner.jsonObject(["reply", "Ben"])
        #expect(keys(reply) == ["interaction", "contact", "name", "answered", "stage"])
        #expect(reply["answered"] is NSNull)
        let meet = try runner.jsonObject(["meet", "Ben", "--on", "tomorrow", "--exit", "advice"])
        #expect(keys(meet) == ["interaction", "contact", "name", "date", "time", "exitGoal", "stage", "missing"])
        #expect(meet["time"] is NSNull && meet["missing"] as? [String] == ["ask", "offer"])
        let debrief = try runner.jsonObject(["debrief", "Ada", "--learned", "a lot"])
        #expect(keys(debrief) == ["interaction", "contact", "name", "date", "wasPlanned", "followUp", "stage"])
        #expect(debrief["followUp"] is NSNull && debrief["wasPlanned"] as? Bool == false)
    }

    @Test func viewShapesKeepEveryKeyWithNulls() throws {
        let runner = try CLIRunner(now: "2026-03-02T09:00:00Z")
        defer { runner.cleanup() }
        let seed = try WorkflowSeed(runner)
        let ada = try seed.contact("Ada Lovelace", stage: "want", emails: ["ada@example.com"])
        try seed.contact("A Lovelace", emails: ["ADA@example.com"])
        try seed.interaction(ada, "2026-03-01", kind: "meeting", status: "planned")
        try seed.hub("Makers")

        let today = try runner.jsonObject(["today"])
        #expect(keys(today) == ["date", "target", "doneToday", "streak", "pendingDays", "branchOut", "newTouches", "followUps", "keepInTouch",
                                "pending", "meetings", "toDebrief", "birthdays", "jobChanges"])
        #expect(today["branchOut"] is NSNull)
        let pick = (today["newTouches"] as? [[String: Any]])?.first
        #expect(keys(pick) == ["id", "name", "stage", "why", "suggestedReason"])
        #expect(pick?["suggestedReason"] is NSNull)
        let debrief = (today["toDebrief"] as? [[String: Any]])?.first
        #expect(keys(debrief) == ["id", "name", "date", "time", "hub", "exitGoal", "missing", "interaction"])
        #expect(debrief?["time"] is NSNull && debrief?["hub"] is NSNull && debrief?["exitGoal"] is NSNull)

        let board = try runner.jsonObject(["board"])
        #expect(keys(board) == Set(Schema.stages + ["counts", "unstaged"]))
        let row = (board["want"] as? [[String: Any]])?.first
        #expect(keys(row) == ["id", "name", "organization", "voter", "hasAsk", "hasOffer", "lastTouch", "nextStep", "followUp", "meeting"])
        #expect(row?["organization"] is NSNull && row?["lastTouch"] is NSNull)
        #expect(keys(try runner.jsonObject(["board", "--stage", "want"])) == ["want", "counts", "unstaged"])

        let pace = try runner.jsonObject(["pace"])
        #expect(keys(pace) == ["from", "to", "granularity", "prep", "connect", "prepShare", "warning", "rows"])
        #expect(pace["prepShare"] is NSNull && pace["warning"] is NSNull)
        #expect(keys((pace["rows"] as? [[String: Any]])?.first) == ["start", "end", "prep", "connect", "prepShare"])
        try runner.ok(["prep", "research", "--minutes", "100"])
        #expect(try runner.jsonObject(["pace"])["warning"] as? String == "mostly prepping: prep is over 60 % — time to reach out")

        let config = try runner.jsonArray(["config", "pending-days"])
        #expect(config.count == 1 && keys(config.first) == ["key", "value", "default", "set", "help"])

        try runner.ok(["reason", "add", "I wrote a post"])
        let reasons = try runner.jsonArray(["reason", "list"])
        #expect(keys(reasons.first) == ["id", "text", "url", "usedWith"] && reasons.first?["url"] is NSNull)

        let dupes = try runner.jsonArray(["dupes"])
        #expect(keys(dupes.first) == ["survivor", "duplicates", "reasons", "commands"])
        #expect(dupes.first?["reasons"] as? [String] == ["same email ada@example.com"])

        let mix = try runner.jsonObject(["hub", "mix", "--days", "10"])
        #expect(keys(mix) == ["since", "touches", "hubs"] && mix["since"] as? String == "2026-02-21")
        let counts = mix["touches"] as? [String: Any]
        #expect(keys(counts) == ["set", "swing", "unknown", "setShare", "swingShare"] && counts?["setShare"] is NSNull)
        #expect(keys((mix["hubs"] as? [[String: Any]])?.first) == ["id", "name", "members", "touches", "stopLoss"])
    }
}
