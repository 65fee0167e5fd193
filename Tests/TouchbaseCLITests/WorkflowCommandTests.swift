import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore

/// Each workflow command through the real binary, refusals included.
@Suite struct WorkflowCommandTests {
    func world() throws -> (CLIRunner, WorkflowSeed) {
        let runner = try CLIRunner(now: "2026-03-02T09:00:00Z")
        return (runner, try WorkflowSeed(runner))
    }

    func interactions(_ seed: WorkflowSeed, of contact: RecordID) throws -> [Record] {
        var q = RecordQuery(entity: "interaction")
        q.equals = [("contact", .ref(contact))]
        q.orderBy = "date"
        return try seed.store.records(q)
    }

    @Test func touchRefusesWithoutSomethingToSay() throws {
        let (runner, seed) = try world()
        defer { runner.cleanup() }
        try seed.contact("Ada Lovelace", stage: "want")
        let err = try runner.refused(["touch", "Ada"])
        #expect(err.contains("Never reach out without something to say"))
        try runner.refused(["touch", "Ada", "--reason", "   "])
        try runner.refused(["touch", "Nobody", "--reason", "hi"])
        try runner.refused(["touch", "Ada", "--reason", "hi", "--on", "2026-13-40"])
        try runner.refused(["touch", "Ada", "--share", "no such reason"])
        try runner.refused(["touch", "Ada", "--reason", "hi", "--minutes", "-5"])
    }

    @Test func touchLogsOutreachAndMovesToPending() throws {
        let (runner, seed) = try world()
        defer { runner.cleanup() }
        let ada = try seed.contact("Ada Lovelace", stage: "want")
        let out = try runner.ok(["touch", "Ada", "--reason", "I wrote a blog post", "--channel", "email"])
        #expect(out.contains("Logged a new touch with Ada Lovelace: \"I wrote a blog post\"."))
        #expect(out.contains("Ada Lovelace is now pending"))
        var list = try interactions(seed, of: ada)
        #expect(list.count == 1)
        #expect(list[0]["kind"] == .text("new-touch") && list[0]["direction"] == .text("out") && list[0]["channel"] == .text("email"))
        #expect(list[0]["reason"] == .text("I wrote a blog post") && list[0]["forced"] == .null)
        #expect(try seed.store.record("contact", id: ada)?["stage"] == .text("pending"))

        // The same reason again: a follow-up, with a warning.
        let again = try runner.run(["touch", "Ada", "--reason", "i wrote a BLOG post"])
        #expect(again.status == 0)
        #expect(again.stderr.contains("already used this reason with Ada Lovelace"))
        // Forced: recorded as such.
        let forced = try runner.jsonObject(["touch", "Ada", "--force", "--on", "yesterday"])
        #expect(forced["kind"] as? String == "follow-up" && forced["forced"] as? Bool == true && forced["date"] as? String == "2026-03-01")
        list = try interactions(seed, of: ada)
        #expect(list.count == 3)
        #expect(list.first?["forced"] == .bool(true) && list.first?["kind"] == .text("follow-up"))  // dated yesterday
        #expect(list.filter { $0["kind"] == .text("new-touch") }.count == 1)
    }

    @Test func sharedReasonIsTrackedPerContact() throws {
        let (runner, seed) = try world()
        defer { runner.cleanup() }
        try seed.contact("Ada Lovelace", stage: "want")
        try seed.contact("Ben Okri", stage: "want")
        try runner.ok(["reason", "add", "I built a new site — want to see?", "--url", "example.com/site"])
        try runner.refused(["reason", "add", "I BUILT a new site — want to see?"])
        try runner.refused(["reason", "add", "x", "--url", "not a url"])
        try runner.ok(["touch", "Ada", "--share", "new site"])
        var reasons = try runner.jsonArray(["reason", "list"])
        #expect(reasons.count == 1)
        #expect(reasons[0]["url"] as? String == "https://example.com/site")
        #expect((reasons[0]["usedWith"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Ada Lovelace"])
        // Typing the library text links it too.
        try runner.ok(["touch", "Ben", "--reason", "i built a new site — want to see?"])
        reasons = try runner.jsonArray(["reason", "list"])
        #expect((reasons[0]["usedWith"] as? [[String: Any]])?.count == 2)
        let text = try runner.ok(["reason", "list"])
        #expect(text.contains("used with Ada Lovelace, Ben Okri"))
        try runner.ok(["reason", "rm", "new site"])
        #expect(try runner.jsonArray(["reason", "list"]).isEmpty)
        try runner.refused(["reason", "rm", "new site"])
    }

    @Test func replyStopsThePendingClock() throws {
        let (runner, seed) = try world()
        defer { runner.cleanup() }
        let fay = try seed.contact("Fay Chen", stage: "pending")
        let touch = try seed.interaction(fay, "2026-02-20", kind: "new-touch", direction: "out", extra: [("reason", .text("hi"))])
        #expect((try runner.jsonObject(["today"])["pending"] as? [Any])?.count == 1)
        let out = try runner.ok(["reply", "Fay", "--channel", "email", "--note", "happy to talk"])
        #expect(out.contains("Fay Chen answered your outreach of 2026-02-20."))
        #expect(out.contains("Fay Chen is now active."))
        #expect(try seed.store.record("interaction", id: touch)?["answered"] == .date(CalendarDate("2026-03-02")!))
        #expect(try interactions(seed, of: fay).last?["kind"] == .text("reply"))
        #expect((try runner.jsonObject(["today"])["pending"] as? [Any])?.isEmpty == true)
        try runner.refused(["reply", "Nobody"])
    }

    @Test func meetPutsAMeetingOnTheDocket() throws {
        let (runner, seed) = try world()
        defer { runner.cleanup() }
        let gus = try seed.contact("Gus Lund", stage: "want", ask: "a referral")
        try seed.contact("Hal Berg")
        try seed.hub("Job Club")
        let r = try runner.run(["meet", "Gus", "--on", "2026-03-05", "--at", "9:30", "--exit", "a referral to the team lead", "--hub", "job", "--with", "Hal"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Meeting with Gus Lund on 2026-03-05 at 09:30, Job Club. Exit: a referral to the team lead."))
        #expect(r.stdout.contains("Gus Lund is now on the docket."))
        #expect(r.stderr.contains("has no offer — don't bother until you have one"))
        let m = try #require(try interactions(seed, of: gus).first)
        #expect(m["status"] == .text("planned") && m["kind"] == .text("meeting") && m["time"] == .text("09:30"))
        #expect(m["exitGoal"] == .text("a referral to the team lead"))
        #expect(m["others"].refs?.count == 1)
        #expect(try seed.store.record("contact", id: gus)?["stage"] == .text("docket"))

        try runner.refused(["meet", "Nobody", "--on", "tomorrow", "--exit", "x"])
        try runner.refused(["meet", "Gus", "--on", "someday", "--exit", "x"])
        try runner.refused(["meet", "Gus", "--on", "tomorrow"])  // no exit, no terminal to ask on
        try runner.refused(["meet", "Gus", "--on", "tomorrow", "--exit", "x", "--at", "25:00"])
        try runner.refused(["meet", "Gus", "--on", "tomorrow", "--exit", "x", "--hub", "Nowhere"])
        try runner.refused(["meet", "Gus", "--on", "tomorrow", "--exit", "x", "--kind", "party"])
    }

    @Test func debriefMarksTheMeetingDoneAndSetsTheFollowUp() throws {
        let (runner, seed) = try world()
        defer { runner.cleanup() }
        let gus = try seed.contact("Gus Lund", stage: "docket", ask: "a referral", offer: "a code review")
        try seed.contact("Hal Berg")
        let meeting = try seed.interaction(gus, "2026-03-01", kind: "meeting", status: "planned", extra: [("exitGoal", .text("a referral"))])
        try runner.refused(["debrief", "Gus"], stdin: "")  // not a terminal: nothing asked, learned or next required
        try runner.refused(["debrief", "Gus", "--learned", "x", "--follow-up", "next year"])
        try runner.refused(["debrief", "Gus", "--learned", "x", "--with", "Nobody"])
        let out = try runner.ok(["debrief", "Gus", "--with", "Hal", "--learned", "the team grows in Q3", "--next", "send my CV",
                                 "--follow-up", "+1w", "--minutes", "50"])
        #expect(out.contains("Debriefed the meeting of 2026-03-01 with Gus Lund."))
        #expect(out.contains("Follow up on 2026-03-09."))
        #expect(out.contains("Gus Lund is now active."))
        let m = try #require(try seed.store.record("interaction", id: meeting))
        #expect(m["status"] == .text("done") && m["learned"] == .text("the team grows in Q3") && m["nextStep"] == .text("send my CV"))
        #expect(m["followUp"] == .date(CalendarDate("2026-03-09")!) && m["minutes"] == .int(50) && m["others"].refs?.count == 1)

        // No meeting planned: one is logged.
        let r = try runner.jsonObject(["debrief", "Gus", "--next", "coffee again", "--on", "yesterday"])
        #expect(r["wasPlanned"] as? Bool == false && r["date"] as? String == "2026-03-01")
        #expect(try interactions(seed, of: gus).count == 2)

        // The follow-up shows on its day, and on the board.
        var later = runner
        later.environment["TOUCHBASE_NOW"] = "2026-03-09T09:00:00Z"
        #expect((try later.jsonObject(["today"])["followUps"] as? [[String: Any]])?.first?["nextStep"] as? String == "send my CV")
    }

    @Test func boardShowsEveryStageWithCounts() throws {
        let (runner, seed) = try world()
        defer { runner.cleanup() }
        try seed.contact("Ada Lovelace", stage: "want", ask: "x")
        let bob = try seed.contact("Bob Ross", stage: "active")
        try seed.contact("Cleo Park", stage: "pending")
        try seed.contact("Not Staged")
        try seed.interaction(bob, "2026-02-25", kind: "meeting", extra: [("nextStep", .text("send the deck")), ("followUp", .date(CalendarDate("2026-03-04")!))])
        let board = try runner.jsonObject(["board"])
        #expect(board["counts"] as? [String: Int] == ["want": 1, "docket": 0, "pending": 1, "active": 1, "dormant": 0])
        #expect(board["unstaged"] as? Int == 1)
        let active = try #require((board["active"] as? [[String: Any]])?.first)
        #expect(active["name"] as? String == "Bob Ross" && active["lastTouch"] as? String == "2026-02-25")
        #expect(active["nextStep"] as? String == "send the deck" && active["followUp"] as? String == "2026-03-04")
        let text = try runner.ok(["board"])
        #expect(text.contains("Want to connect (1)"))
        #expect(text.contains("Active (1)"))
        #expect(text.contains("follow up 2026-03-04; next: send the deck"))
        #expect(text.contains("1 contact without a stage"))
        #expect(try runner.jsonObject(["board", "--stage", "pending"]).keys.sorted() == ["counts", "pending", "unstaged"])
        try runner.refused(["board", "--stage", "nowhere"])
    }

    @Test func paceAndPrep() throws {
        let (runner, seed) = try world()
        defer { runner.cleanup() }
        let ada = try seed.contact("Ada Lovelace", stage: "active")
        try seed.interaction(ada, "2026-03-02", kind: "meeting")  // 45 by default
        try seed.interaction(ada, "2026-02-26", kind: "new-touch", direction: "out", extra: [("minutes", .int(20))])
        try seed.interaction(ada, "2026-03-03", kind: "meeting", status: "planned")  // counts nothing
        try runner.ok(["prep", "research the company", "--minutes", "40"])
        try runner.ok(["prep", "write the blog post", "--minutes", "30", "--on", "2026-02-26"])
        try runner.refused(["prep", "nothing", "--minutes", "0"])
        try runner.refused(["prep", "x", "--minutes", "10", "--on", "soon"])
        let week = try runner.jsonObject(["pace"])
        #expect(week["prep"] as? Int == 70 && week["connect"] as? Int == 65)
        #expect((week["rows"] as? [Any])?.count == 7)
        #expect(week["warning"] is NSNull)
        let month = try runner.jsonObject(["pace", "--month"])
        #expect(month["granularity"] as? String == "week" && (month["rows"] as? [Any])?.count == 5)
        try runner.ok(["config", "minutes.meeting", "120"])
        let heavy = try runner.jsonObject(["pace", "--week"])
        #expect(heavy["connect"] as? Int == 140)
        #expect((heavy["warning"] as? String)?.contains("under 40") == true)
        let text = try runner.ok(["pace"])
        #expect(text.contains("Mon 03-02"))
        #expect(text.contains("⚠ mostly connecting"))
    }

    @Test func cadenceOnContactsAndTags() throws {
        let (runner, seed) = try world()
        defer { runner.cleanup() }
        let dan = try seed.contact("Dan Wu", stage: "active")
        try seed.interaction(dan, "2026-02-20", kind: "note")
        try seed.store.commit(RecordOps.tag(dan, "Mentors"))
        let out = try runner.ok(["cadence", "Dan", "10"])
        #expect(out.contains("Dan Wu: keep in touch every 10 days; next due 2026-03-02."))
        #expect(try seed.store.record("contact", id: dan)?["cadence"] == .int(10))
        try runner.ok(["cadence", "mentors", "30"])
        #expect(try seed.store.record("tag", id: Schema.tagID("mentors"))?["cadence"] == .int(30))
        try runner.ok(["cadence", "Dan", "off"])
        #expect(try seed.store.record("contact", id: dan)?["cadence"] == .null)
        try runner.refused(["cadence", "Dan", "-3"])
        try runner.refused(["cadence", "Nobody", "3"])
        try runner.refused(["cadence", "unknown-tag", "3", "--tag"])
    }

    @Test func hubMixFlagsStopLoss() throws {
        let (runner, seed) = try world()
        defer { runner.cleanup() }
        let seekers = try seed.hub("Seekers Circle")
        let founders = try seed.hub("Founders Breakfast")
        let a = try seed.contact("A Set", voter: "set"), b = try seed.contact("B Set", voter: "set"), c = try seed.contact("C Swing", voter: "swing")
        try seed.store.commit(RecordOps.join(contact: a, hub: seekers) + RecordOps.join(contact: b, hub: seekers) + RecordOps.join(contact: c, hub: founders))
        try seed.interaction(a, "2026-02-25", kind: "meeting")
        try seed.interaction(c, "2026-02-26", kind: "new-touch", direction: "out", extra: [("hub", .ref(seekers))])
        try seed.interaction(c, "2025-01-01", kind: "new-touch", direction: "out")  // not recent
        let mix = try runner.jsonObject(["hub", "mix"])
        let hubs = try #require(mix["hubs"] as? [[String: Any]])
        #expect(hubs.map { $0["name"] as? String } == ["Founders Breakfast", "Seekers Circle"])
        #expect(hubs[1]["stopLoss"] as? Bool == true && hubs[0]["stopLoss"] as? Bool == false)
        #expect((hubs[1]["touches"] as? [String: Any])?["set"] as? Int == 1)
        #expect((hubs[1]["touches"] as? [String: Any])?["swing"] as? Int == 1)
        let one = try runner.ok(["hub", "mix", "Seekers"])
        #expect(one.contains("⚠ stop-loss"))
        #expect(!one.contains("Founders"))
        try runner.refused(["hub", "mix", "Nowhere"])
    }

    @Test func dupesSuggestMerges() throws {
        let (runner, seed) = try world()
        defer { runner.cleanup() }
        let a = try seed.contact("Ada Lovelace", emails: ["ada@example.com"])
        let b = try seed.contact("Ada Lovelase")
        let c = try seed.contact("Countess of Lovelace", emails: ["ADA@example.com"])
        try seed.contact("Grace Hopper")
        let groups = try runner.jsonArray(["dupes"])
        #expect(groups.count == 1)
        let g = groups[0]
        #expect((g["survivor"] as? [String: Any])?["id"] as? String == a.hex)
        #expect(Set((g["duplicates"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []) == [b.hex, c.hex])
        #expect((g["commands"] as? [String])?.contains("touchbase contact merge \(String(b.hex.prefix(12))) --into \(String(a.hex.prefix(12)))") == true)
        let before = try runner.databaseFingerprint()
        #expect(try runner.ok(["dupes"]).contains("touchbase contact merge"))
        #expect(try runner.databaseFingerprint() == before)
    }

    @Test func helpOnEveryCommand() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        for cmd in [["today"], ["touch"], ["reply"], ["meet"], ["debrief"], ["board"], ["pace"], ["prep"], ["cadence"], ["config"],
                    ["reason"], ["reason", "add"], ["reason", "list"], ["reason", "rm"], ["dupes"], ["hub", "mix"],
                    ["import"], ["import", "linkedin"], ["import", "csv"], ["import", "vcard"], ["export", "csv"], ["export", "vcard"]] {
            let r = try runner.run(cmd + ["--help"], home: false)
            #expect(r.status == 0, "\(cmd) --help")
            #expect(r.stdout.contains("OVERVIEW:") || r.stdout.contains("USAGE:"), "\(cmd)")
        }
    }
}
