import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// `touchbase today` on fixed data with `TOUCHBASE_NOW`: the exact plan, the cadence restart,
/// the streak and the branch-out advice.
@Suite struct WorkflowTodayTests {
    /// Monday 2 March 2026 and a week of history around it.
    struct World {
        let runner: CLIRunner
        let seed: WorkflowSeed
        var ids: [String: RecordID] = [:]

        init() throws {
            runner = try CLIRunner(now: "2026-03-02T09:00:00Z")
            seed = try WorkflowSeed(runner)
            let s = seed
            ids["Ada"] = try s.contact("Ada Lovelace", stage: "want", voter: "swing", ask: "intro to the CTO", offer: "review the deck")
            ids["Ben"] = try s.contact("Ben Okri", stage: "want", voter: "set", ask: "advice", offer: "a beta invite")
            ids["Cleo"] = try s.contact("Cleo Park", stage: "docket")
            ids["Dan"] = try s.contact("Dan Wu", stage: "active", cadence: 14)
            ids["Eve"] = try s.contact("Eve Adams", stage: "active")
            ids["Fay"] = try s.contact("Fay Chen", stage: "pending")
            ids["Gus"] = try s.contact("Gus Lund", stage: "docket", ask: "a referral")
            ids["Hal"] = try s.contact("Hal Berg", stage: "active")
            for name in ["Ivy", "Jay", "Kim"] { ids[name] = try s.contact("\(name) Stone", stage: "active") }

            let blog = try s.reason("I wrote a blog post on CRDTs")
            try s.interaction(ids["Ada"]!, "2026-01-10", kind: "note", extra: [("reasonRef", .ref(blog))])
            try s.interaction(ids["Dan"]!, "2026-02-01", kind: "note")
            try s.interaction(ids["Eve"]!, "2026-02-20", kind: "meeting",
                              extra: [("followUp", .date(CalendarDate("2026-02-27")!)), ("nextStep", .text("send the deck"))])
            try s.interaction(ids["Fay"]!, "2026-02-20", kind: "new-touch", direction: "out", extra: [("reason", .text("saw your talk"))])
            let hub = try s.hub("Job Club")
            try s.interaction(ids["Gus"]!, "2026-03-02", kind: "meeting", status: "planned",
                              extra: [("time", .text("10:00")), ("exitGoal", .text("an intro to the CTO")), ("hub", .ref(hub))])
            try s.store.commit(RecordOps.tag(ids["Hal"]!, "mentors") + WorkflowOps.cadence(entity: "tag", Schema.tagID("mentors"), days: 30))
            for (name, day) in [("Ivy", "2026-02-27"), ("Jay", "2026-02-28"), ("Kim", "2026-03-01")] {
                try s.interaction(ids[name]!, day, kind: "new-touch", direction: "out", extra: [("reason", .text("hello"))])
            }
            // Target 1 through February, 2 from today.
            try s.store.commit(WorkflowOps.setting(WorkflowSettings.targetKey, "2026-02-01:1,2026-03-02:2"))
        }

        func hex(_ name: String) -> String { ids[name]!.hex }
    }

    @Test func exactPlan() throws {
        let w = try World()
        defer { w.runner.cleanup() }
        let plan = try w.runner.jsonObject(["today"])
        let expected: [String: Any] = [
            "date": "2026-03-02", "target": 2, "doneToday": 0, "streak": 3, "pendingDays": 7, "branchOut": NSNull(),
            "newTouches": [
                ["id": w.hex("Ada"), "name": "Ada Lovelace", "stage": "want", "why": ["swing voter", "ask and offer"], "suggestedReason": NSNull()],
                ["id": w.hex("Ben"), "name": "Ben Okri", "stage": "want", "why": ["ask and offer", "unused reason"],
                 "suggestedReason": ["id": Fixtures.record(12).hex, "text": "I wrote a blog post on CRDTs"]],
            ],
            "followUps": [
                ["id": w.hex("Eve"), "name": "Eve Adams", "due": "2026-02-27", "overdueDays": 3, "nextStep": "send the deck",
                 "interaction": Fixtures.record(15).hex],
            ],
            "keepInTouch": [
                ["id": w.hex("Dan"), "name": "Dan Wu", "cadence": 14, "lastInteraction": "2026-02-01", "due": "2026-02-15", "overdueDays": 15],
                ["id": w.hex("Hal"), "name": "Hal Berg", "cadence": 30, "lastInteraction": NSNull(), "due": "2026-03-02", "overdueDays": 0],
            ],
            "pending": [
                ["id": w.hex("Fay"), "name": "Fay Chen", "sent": "2026-02-20", "days": 10, "reason": "saw your talk", "interaction": Fixtures.record(16).hex],
            ],
            "meetings": [
                ["id": w.hex("Gus"), "name": "Gus Lund", "date": "2026-03-02", "time": "10:00", "hub": "Job Club", "exitGoal": "an intro to the CTO",
                 "missing": ["offer"], "interaction": Fixtures.record(18).hex],
            ],
            "toDebrief": [[String: Any]](),
            "birthdays": [[String: Any]](),
            "jobChanges": [[String: Any]](),
        ]
        #expect(try canonicalJSON(plan) == canonicalJSON(expected))
    }

    @Test func textPlanAndDefaultCommand() throws {
        let w = try World()
        defer { w.runner.cleanup() }
        let text = try w.runner.ok([])  // `today` is the default command
        #expect(text.hasPrefix("Today, Monday 2 March 2026   streak: 3 days"))
        #expect(text.contains("→ Ada Lovelace (want) — swing voter, ask and offer"))
        #expect(text.contains("10:00  Gus Lund at Job Club — exit: an intro to the CTO"))
        #expect(text.contains("⚠ no offer — don't bother until you have one"))
        #expect(text.contains("Eve Adams — 3 days late — next: send the deck"))
        #expect(text.contains("Fay Chen — sent 2026-02-20 (10 days ago)"))
        #expect(try w.runner.databaseFingerprint() == w.seed.store.version().description)
    }

    @Test func anyInteractionRestartsTheCadence() throws {
        let w = try World()
        defer { w.runner.cleanup() }
        try w.runner.ok(["touch", "Dan Wu", "--reason", "congrats on the new role"])
        let plan = try w.runner.jsonObject(["today"])
        let keep = try #require(plan["keepInTouch"] as? [[String: Any]])
        #expect(keep.map { $0["name"] as? String } == ["Hal Berg"])
        // The touch was Dan's first outreach: a new touch, counted for today and the streak.
        #expect(plan["doneToday"] as? Int == 1)
        #expect(plan["streak"] as? Int == 3)
        #expect((plan["newTouches"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Ada Lovelace"])
        // Eve's follow-up is done once a later interaction is logged.
        try w.runner.ok(["reply", "Eve"])
        let after = try w.runner.jsonObject(["today"])
        #expect((after["followUps"] as? [[String: Any]])?.isEmpty == true)
        // Hal's tag cadence restarts too, here from a meeting with him as one of the others.
        try w.runner.ok(["debrief", "Gus", "--with", "Hal", "--learned", "they are hiring", "--follow-up", "+7"])
        let later = try w.runner.jsonObject(["today"])
        #expect((later["keepInTouch"] as? [[String: Any]])?.isEmpty == true)
        #expect((later["meetings"] as? [[String: Any]])?.isEmpty == true)
    }

    @Test func streakCountsUpAndTargetIsMet() throws {
        let w = try World()
        defer { w.runner.cleanup() }
        try w.runner.ok(["touch", "Ada Lovelace", "--reason", "your talk on analytics"])
        var plan = try w.runner.jsonObject(["today"])
        #expect(plan["streak"] as? Int == 3)  // 1 of 2 done: today does not count yet
        try w.runner.ok(["touch", "Ben", "--share", "CRDTs"])
        plan = try w.runner.jsonObject(["today"])
        #expect(plan["streak"] as? Int == 4)
        #expect(plan["doneToday"] as? Int == 2)
        #expect((plan["newTouches"] as? [Any])?.isEmpty == true)
        // Tomorrow, with nothing logged yet, the streak still holds.
        var tomorrow = w.runner
        tomorrow.environment["TOUCHBASE_NOW"] = "2026-03-03T09:00:00Z"
        #expect(try tomorrow.jsonObject(["today"])["streak"] as? Int == 4)
        tomorrow.environment["TOUCHBASE_NOW"] = "2026-03-05T09:00:00Z"
        #expect(try tomorrow.jsonObject(["today"])["streak"] as? Int == 0)
    }

    @Test func branchOutAfterTwoSteadyWeeks() throws {
        let runner = try CLIRunner(now: "2026-03-16T09:00:00Z")
        defer { runner.cleanup() }
        let seed = try WorkflowSeed(runner)
        for day in 2...13 where day != 7 && day != 8 {  // weekends off: 10 of the last 14 days
            let c = try seed.contact("Person \(day)", stage: "active")
            try seed.interaction(c, "2026-03-\(day < 10 ? "0" : "")\(day)", kind: "new-touch", direction: "out", extra: [("reason", .text("hi"))])
        }
        try seed.contact("Next One", stage: "want")
        var plan = try runner.jsonObject(["today"])
        #expect(plan["streak"] as? Int == 0)  // 14 and 15 were a weekend off
        let advice = try #require(plan["branchOut"] as? [String: Any])
        #expect(advice["metDays"] as? Int == 10)
        #expect(advice["suggestedTarget"] as? Int == 2)
        let text = try runner.ok(["today"])
        #expect(text.contains("Branch out: you met your target on 10 of the last 14 days. Raise it: touchbase today --target 2"))

        // Raising the target: advice gone, the new target applies from today, the history stays.
        plan = try runner.jsonObject(["today", "--target", "2"])
        #expect(plan["target"] as? Int == 2)
        #expect(plan["branchOut"] is NSNull)
        #expect((plan["newTouches"] as? [Any])?.count == 1)  // only one person on the wishlist
        let config = try runner.jsonArray(["config", "daily-target"])
        #expect(config.first?["value"] as? String == "2")
    }

    @Test func badTargetIsRefused() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        _ = try WorkflowSeed(runner)
        let err = try runner.refused(["today", "--target", "0"])
        #expect(err.contains("daily-target must be a whole number from 1 to 50"))
        try runner.refused(["config", "pending-days", "soon"])
        try runner.refused(["config", "no-such-key", "1"])
    }
}
