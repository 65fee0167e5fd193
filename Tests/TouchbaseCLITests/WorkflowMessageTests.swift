import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore

/// The terminal words the kit's refusals of workflow input as it always did, with the usage exit
/// status, and writes nothing.
@Suite struct WorkflowMessageTests {
    @Test func refusalsKeepTheirWordsAndStatus() throws {
        let runner = try CLIRunner(now: "2026-03-02T09:00:00Z")
        defer { runner.cleanup() }
        let seed = try WorkflowSeed(runner)
        let ada = try seed.contact("Ada Lovelace", stage: "want")
        try seed.contact("Mentors")
        try seed.store.commit(RecordOps.tag(ada, "mentors"))
        try runner.ok(["reason", "add", "I wrote a post"])
        let post = try #require(try runner.jsonArray(["reason", "list"]).first?["id"] as? String)

        let cases: [([String], String)] = [
            (["touch", "Ada", "--reason", "hi", "--on", "2026-13-40"],
             "malformed date \"2026-13-40\": use YYYY-MM-DD, today, tomorrow, yesterday, or +N days (+3d, +2w)"),
            (["touch", "Ada", "--reason", "hi", "--minutes=-5"], "--minutes cannot be negative (-5): give the connect minutes it took, from 0 to 1440"),
            (["touch", "Ada", "--reason", "hi", "--minutes", "-5"], "--minutes cannot be negative (-5)"),
            (["touch", "Ada", "--reason", "hi", "--minutes", "1441"], "--minutes must be between 0 and 1440, not 1441"),
            (["meet", "Ada", "--on", "tomorrow", "--exit", "x", "--at", "25:00"], "malformed time \"25:00\": use HH:MM, e.g. 09:30 or 14:00"),
            (["meet", "Ada", "--on", "tomorrow", "--exit", "x", "--kind", "party"], "--kind must be meeting, informational or event, not \"party\""),
            (["meet", "Ada", "--on", "tomorrow"], "think about the exit: say what you aim to leave with (--exit \"an intro to the hiring manager\")"),
            (["cadence", "Ada", "4000"], "days must be a whole number from 1 to 3650, or off; not \"4000\""),
            (["cadence", "mentors", "30"], "\"mentors\" is both a tag and a contact (Mentors); add --tag or --contact"),
            (["reason", "add", "  "], "say what you have to share"),
            (["prep", " ", "--minutes", "5"], "say what you prepared"),
            (["prep", "research", "--minutes", "0"], "--minutes must be between 1 and 1440, not 0"),
            (["board", "--stage", "nowhere"], "--stage must be one of want, docket, pending, active, dormant; not \"nowhere\""),
            (["hub", "mix", "--days", "0"], "--days must be between 1 and 3650"),
        ]
        for (args, message) in cases {
            let before = try runner.databaseFingerprint()
            let r = try runner.run(args)
            #expect(r.status == 64, "\(args): status \(r.status)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
            #expect(try runner.databaseFingerprint() == before, "\(args) wrote something")
        }
        // A refusal, not a usage error: the command is understood, the library already has it.
        let before = try runner.databaseFingerprint()
        let again = try runner.run(["reason", "add", "i WROTE a post"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already in the library: \(post.prefix(8))  I wrote a post"))
        #expect(try runner.databaseFingerprint() == before)
    }
}
