import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore

/// `touchbase log` and the fixes it allows, through the real binary: listing with handles,
/// editing, deleting and restoring, cancel and reschedule, a second debrief, dates that look
/// wrong, people met together, and the timeline of `contact show` and `hub show`.
@Suite struct LogCommandTests {
    func world() throws -> (CLIRunner, WorkflowSeed) {
        let runner = try CLIRunner(now: "2026-03-02T09:00:00Z")
        return (runner, try WorkflowSeed(runner))
    }

    /// The handle of the only interaction `log --json` lists with these filters.
    func handle(_ runner: CLIRunner, _ filters: [String] = []) throws -> String {
        let list = try runner.jsonArray(["log"] + filters)
        #expect(list.count == 1, "expected one interaction for \(filters)")
        return try #require(list.first?["handle"] as? String)
    }

    @Test func theLogListsInteractionsWithHandlesAndFilters() throws {
        let (runner, seed) = try world()
        defer { runner.cleanup() }
        try seed.contact("Ada Lovelace", stage: "want")
        try seed.contact("Ben Okri", stage: "want")
        try seed.hub("PyData")
        try runner.ok(["touch", "Ada", "--reason", "I wrote a post", "--on", "2026-02-20"])
        try runner.ok(["touch", "Ben", "--reason", "hello", "--hub", "PyData"])
        try runner.ok(["meet", "Ada", "--on", "2026-03-05", "--exit", "an intro", "--with", "Ben"])

        let all = try runner.jsonArray(["log"])
        #expect(all.map { $0["date"] as? String } == ["2026-03-05", "2026-03-02", "2026-02-20"])
        #expect(all[0]["status"] as? String == "planned" && all[0]["contactName"] as? String == "Ada Lovelace")
        #expect((all[0]["others"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Ben Okri"])
        #expect(all[1]["hubName"] as? String == "PyData" && all[1]["deleted"] as? Bool == false)
        #expect(all.allSatisfy { ($0["handle"] as? String)?.count == 8 && ($0["id"] as? String)?.hasPrefix($0["handle"] as! String) == true })

        #expect(try runner.jsonArray(["log", "--contact", "Ben"]).count == 2)
        #expect(try runner.jsonArray(["log", "--kind", "meeting"]).count == 1)
        #expect(try runner.jsonArray(["log", "--status", "planned"]).count == 1)
        #expect(try runner.jsonArray(["log", "--since", "2026-03-01", "--until", "today"]).count == 1)
        #expect(try runner.jsonArray(["log", "--hub", "PyData"]).count == 1)
        let text = try runner.ok(["log"])
        #expect(text.contains("2026-03-05  meeting  planned  Ada Lovelace, with Ben Okri  \(all[0]["handle"] as! String)"))
        #expect(try runner.fails(["log", "--status", "someday"]).contains("--status must be planned, done or cancelled"))
        #expect(try runner.fails(["log", "--kind", "lunch"]).contains("--kind must be one of"))
    }

    @Test func anInteractionIsEditedDeletedAndRestoredWithHistory() throws {
        let (runner, seed) = try world()
        defer { runner.cleanup() }
        try seed.contact("Ada Lovelace", stage: "want")
        try seed.contact("Ben Okri")
        try runner.ok(["touch", "Ada", "--reason", "helo", "--channel", "email"])
        let h = try handle(runner)

        let edited = try runner.jsonObject(["log", "edit", h, "--reason", "hello", "--clear", "channel", "--minutes", "20", "--with", "Ben"])
        #expect(edited["reason"] as? String == "hello" && edited["channel"] == nil && edited["minutes"] as? Int == 20)
        #expect((edited["others"] as? [[String: Any]])?.first?["name"] as? String == "Ben Okri")
        try runner.refused(["log", "edit", h, "--on", "2026-03-09"])
        try runner.refused(["log", "edit", h, "--clear", "everything"])
        try runner.refused(["log", "edit", h])
        #expect(try runner.refused(["log", "edit", h, "--minutes", "-5"]).contains("--minutes cannot be negative (-5)"))

        let history = try runner.ok(["log", "history", h])
        #expect(history.contains("reason = \"helo\"") && history.contains("reason = \"hello\"") && history.contains("cleared channel"))
        #expect(history.contains("2 changes"))
        #expect(try runner.ok(["history", h]) == history, "`touchbase history HANDLE` shows the same")

        let removed = try runner.ok(["log", "rm", h])
        #expect(removed.contains("touchbase log restore \(h)"))
        #expect(try runner.jsonArray(["log"]).isEmpty)
        #expect(try runner.jsonArray(["log", "--deleted"]).first?["deleted"] as? Bool == true)
        try runner.refused(["log", "rm", h])
        try runner.ok(["log", "restore", h])
        #expect(try runner.jsonArray(["log"]).count == 1)
        #expect(try runner.refused(["log", "restore", h]).contains("is not deleted"))
        #expect(try runner.ok(["log", "history", h, "--json"]).contains("\"deleted\""))
    }

    @Test func unknownAndAmbiguousHandlesAreClear() throws {
        let (runner, seed) = try world()
        defer { runner.cleanup() }
        let ada = try seed.contact("Ada Lovelace")
        // Seeded ids share their first 16 hex digits.
        let a = try seed.interaction(ada, "2026-03-01", kind: "note")
        try seed.interaction(ada, "2026-02-01", kind: "note")
        let err = try runner.refused(["log", "show", String(a.hex.prefix(8))])
        #expect(err.contains("matches 2 interactions"))
        #expect(err.contains("2026-03-01  note  Ada Lovelace") && err.contains("2026-02-01  note  Ada Lovelace"))
        #expect(try runner.ok(["log", "show", a.hex]).contains("2026-03-01  note"))
        #expect(try runner.refused(["log", "show", "0123abcd"]).contains("no interaction matches \"0123abcd\""))
        #expect(try runner.refused(["log", "rm", "Ada"]).contains("no interaction matches \"Ada\""))
    }

    @Test func aMeetingIsCancelledOrRescheduledByHandleOrByContact() throws {
        let (runner, seed) = try world()
        defer { runner.cleanup() }
        try seed.contact("Alan Turing", stage: "want", ask: "intro", offer: "notes")
        try runner.ok(["meet", "Alan", "--on", "2026-03-04", "--at", "10:00", "--exit", "who owns hiring"])
        let moved = try runner.ok(["log", "reschedule", "Alan", "--on", "2026-03-06", "--at", "14:30"])
        #expect(moved.contains("Moved the meeting with Alan Turing from 2026-03-04 to 2026-03-06 at 14:30"))
        let list = try runner.jsonArray(["log"])
        #expect(list.count == 1 && list[0]["date"] as? String == "2026-03-06" && list[0]["time"] as? String == "14:30")
        #expect(try runner.refused(["log", "reschedule", "Alan", "--on", "2026-03-01"]).contains("2026-03-01 is in the past"))

        // A second planned meeting: the contact alone no longer names one.
        try runner.ok(["meet", "Alan", "--on", "2026-03-09", "--exit", "a follow-up chat"])
        let two = try runner.refused(["log", "cancel", "Alan"])
        #expect(two.contains("Alan Turing has 2 planned meetings"))
        let h = try handle(runner, ["--since", "2026-03-09"])
        #expect(try runner.ok(["log", "cancel", h]).contains("Cancelled the meeting of 2026-03-09 with Alan Turing"))
        #expect(try runner.refused(["log", "cancel", h]).contains("is already cancelled"))
        #expect(try runner.refused(["log", "reschedule", h, "--on", "2026-03-20"]).contains("is already cancelled"))
        try runner.ok(["log", "cancel", "Alan"])
        #expect(try runner.refused(["log", "cancel", "Alan"]).contains("Alan Turing has no planned meeting"))

        // Cancelled meetings leave "to debrief".
        var later = runner
        later.environment["TOUCHBASE_NOW"] = "2026-03-12T09:00:00Z"
        let plan = try later.jsonObject(["today"])
        #expect((plan["toDebrief"] as? [Any])?.isEmpty == true)
    }

    @Test func aSecondDebriefRefusesInScriptsUnlessADayIsGiven() throws {
        let (runner, seed) = try world()
        defer { runner.cleanup() }
        try seed.contact("Alan Turing", stage: "docket")
        try runner.ok(["debrief", "Alan", "--learned", "they hire in Q2", "--on", "yesterday"])
        let err = try runner.refused(["debrief", "Alan", "--learned", "forgot to say"])
        #expect(err.contains("the meeting of 2026-03-01 with Alan Turing is already debriefed"))
        #expect(err.contains("touchbase log edit") && err.contains("--on DATE"))
        #expect(try runner.jsonArray(["log"]).count == 1)
        try runner.ok(["debrief", "Alan", "--learned", "a second coffee", "--on", "today"])
        #expect(try runner.jsonArray(["log"]).count == 2)
        #expect(try runner.refused(["debrief", "Alan", "--learned", "x", "--on", "tomorrow"]).contains("is in the future"))
    }

    @Test func datesThatLookWrongGetAClearMessage() throws {
        let (runner, seed) = try world()
        defer { runner.cleanup() }
        try seed.contact("Ada Lovelace", stage: "want")
        let past = try runner.refused(["meet", "Ada", "--on", "2026-03-01", "--exit", "x"])
        #expect(past.contains("2026-03-01 is in the past") && past.contains("touchbase debrief 'Ada Lovelace' --on 2026-03-01"))
        #expect(try runner.refused(["touch", "Ada", "--reason", "hi", "--on", "2026-03-05"]).contains("2026-03-05 is in the future"))
        #expect(try runner.refused(["reply", "Ada", "--on", "tomorrow"]).contains("is in the future"))
        for args in [["--minutes", "-5"], ["--minutes=-5"]] {
            let r = try runner.run(["touch", "Ada", "--reason", "hi"] + args)
            #expect(r.status == 64)
            #expect(r.stderr.contains("--minutes cannot be negative (-5)") && !r.stderr.contains("Missing value"))
        }
        #expect(try runner.refused(["meet", "Ada", "--on", "tomorrow", "--exit", "x", "--minutes", "-1"]).contains("cannot be negative"))
        #expect(try runner.refused(["debrief", "Ada", "--learned", "x", "--minutes", "-1"]).contains("cannot be negative"))
        #expect(try runner.refused(["prep", "research", "--minutes", "-30"]).contains("cannot be negative"))
        #expect(try runner.jsonArray(["log"]).isEmpty)
        // Distant but possible: written, with a warning naming the fix.
        let old = try runner.run(["touch", "Ada", "--reason", "hi", "--on", "2024-03-01"])
        #expect(old.status == 0 && old.stderr.contains("2024-03-01 is more than a year ago") && old.stderr.contains("touchbase log edit"))
        let far = try runner.run(["meet", "Ada", "--on", "2072-03-01", "--exit", "x"])
        #expect(far.status == 0 && far.stderr.contains("2072-03-01 is more than a year ahead") && far.stderr.contains("touchbase log reschedule"))
        #expect(try runner.run(["touch", "Ada", "--reason", "hi", "--on", "2026-01-01"]).stderr.contains("more than a year") == false)
    }

    @Test func peopleMetTogetherAndNamesThatMatchNobody() throws {
        let (runner, seed) = try world()
        defer { runner.cleanup() }
        try seed.contact("Alan Turing", stage: "docket")
        try seed.contact("Ben Okri", stage: "want")
        try runner.ok(["touch", "Ben", "--reason", "hi", "--on", "2026-02-01"])
        let refused = try runner.refused(["debrief", "Alan", "--learned", "x", "--with", "Ben", "--with", "Dana Scully"])
        #expect(refused.contains("no contact matches \"Dana Scully\"") && refused.contains("--create-missing"))
        let out = try runner.ok(["debrief", "Alan", "--learned", "Dana runs the data team", "--with", "Ben", "--with", "Dana Scully",
                                 "--create-missing"])
        #expect(out.contains("Added Dana Scully to your contacts"))
        let dana = try runner.jsonObject(["contact", "show", "Dana"])
        #expect((dana["timeline"] as? [[String: Any]])?.first?["contactName"] as? String == "Alan Turing")
        let ben = try runner.jsonObject(["contact", "show", "Ben"])
        #expect(ben["stage"] as? String == "active")
        let timeline = try #require(ben["timeline"] as? [[String: Any]])
        #expect(timeline.map { $0["kind"] as? String } == ["meeting", "new-touch"])
        #expect(timeline[1]["answered"] as? String == "2026-03-02")
        let plan = try runner.jsonObject(["today"])
        #expect((plan["pending"] as? [Any])?.isEmpty == true)
        let listed = try runner.jsonArray(["contact", "list"])
        #expect(listed.first { $0["name"] as? String == "Dana Scully" }?["lastTouch"] as? String == "2026-03-02")
    }

    @Test func contactShowTellsTheWholeStoryWrappedToTheTerminal() throws {
        let (runner, seed) = try world()
        defer { runner.cleanup() }
        try seed.contact("Alan Turing", stage: "docket")
        try seed.contact("Ben Okri", stage: "want")
        try seed.hub("PyData")
        let long = "they hire in Q2 and the team is growing fast; the hiring manager came from Zillow and likes practical take-home work"
        try runner.ok(["touch", "Alan", "--reason", "Curious about your platform migration", "--channel", "email", "--on", "2026-02-20"])
        try runner.ok(["debrief", "Alan", "--learned", long, "--next", "send my notes", "--follow-up", "+7d", "--outcome", "warm",
                       "--with", "Ben", "--on", "2026-03-01"])
        try runner.ok(["meet", "Alan", "--on", "2026-03-10", "--exit", "an intro to the data team", "--hub", "PyData"])

        var wide = runner
        wide.environment["COLUMNS"] = "200"
        let text = try wide.ok(["contact", "show", "Alan"])
        #expect(text.contains("Timeline (3)"))
        #expect(text.contains(long), "nothing cut on a wide terminal")
        #expect(text.contains("send my notes"))
        #expect(text.contains("with Ben Okri") && text.contains("at PyData") && text.contains("an intro to the data team"))
        #expect(text.contains("\"Curious about your platform migration\"") && text.contains("new touch (email)"))
        #expect(text.contains("outcome") && text.contains("warm") && text.contains("follow up"))

        var narrow = runner
        narrow.environment["COLUMNS"] = "50"
        let wrapped = try narrow.ok(["contact", "show", "Alan"])
        let learnedLines = wrapped.components(separatedBy: "\n").drop { !$0.contains("learned") }.prefix { !$0.contains("next") }
        #expect(learnedLines.count > 2, "the long text wraps")
        #expect(learnedLines.allSatisfy { $0.count <= 50 })
        #expect(learnedLines.joined(separator: " ").split(separator: " ").filter { $0 != "learned" }.joined(separator: " ") == long)

        // Ben's own timeline shows the meeting he was at, with whom.
        #expect(try wide.ok(["contact", "show", "Ben"]).contains("with Alan Turing"))
        // The hub lists what was held there.
        let hub = try wide.ok(["hub", "show", "PyData"])
        #expect(hub.contains("Interactions (1)") && hub.contains("an intro to the data team"))
        #expect((try runner.jsonObject(["hub", "show", "PyData"])["interactions"] as? [Any])?.count == 1)
    }

    /// Runs the binary with a terminal as its standard input (through `script`), typing `input`.
    func onTerminal(_ runner: CLIRunner, _ args: [String], input: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        let words = ([CLIRunner.binary.path] + args + ["--home", runner.home.path]).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        process.arguments = ["-qec", words.joined(separator: " "), "/dev/null"]
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["TZ"] = "UTC"
        for (k, v) in runner.environment { env[k] = v }
        process.environment = env
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func onATerminalASecondDebriefAndAnUnknownNameAreAsked() throws {
        let (runner, seed) = try world()
        defer { runner.cleanup() }
        try seed.contact("Alan Turing", stage: "docket")
        let all = ["--learned", "x", "--next", "y", "--outcome", "z", "--follow-up", "+7d"]
        try runner.ok(["debrief", "Alan", "--with", "Alan"] + all)
        let no = try onTerminal(runner, ["debrief", "Alan", "--with", "Alan"] + all, input: "n\n")
        #expect(no.status == 1 && no.output.contains("already debriefed. Log another meeting today? [y/N]"))
        #expect(try runner.jsonArray(["log"]).count == 1)
        let yes = try onTerminal(runner, ["debrief", "Alan", "--with", "Alan"] + all, input: "y\n")
        #expect(yes.status == 0 && yes.output.contains("Logged a meeting with Alan Turing on 2026-03-02."))
        #expect(try runner.jsonArray(["log"]).count == 2)
        let added = try onTerminal(runner, ["debrief", "Alan", "--with", "Zed Shaw", "--on", "today"] + all, input: "y\n")
        #expect(added.status == 0 && added.output.contains("Nobody is called \"Zed Shaw\". Add Zed Shaw as a new contact? [y/N]"))
        #expect(try runner.jsonObject(["contact", "show", "Zed"])["stage"] as? String == "active")
    }
}
