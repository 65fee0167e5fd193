import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore

/// Delete, restore and merge through the CLI.
@Suite struct RecordLifecycleTests {
    @Test func deleteAndRestore() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        try runner.initialize()
        try runner.ok(["contact", "add", "Ada Lovelace"])
        try runner.ok(["contact", "add", "Bob Builder", "--tag", "mentors"])
        let bob = try runner.id("Bob")
        let deleted = try runner.ok(["contact", "rm", "Bob"])
        #expect(deleted.contains("Deleted Bob Builder (\(bob.prefix(8)))") && deleted.contains("contact restore \(bob.prefix(8))"))
        #expect(try runner.array(["contact", "list"]).map { $0["name"] as? String } == ["Ada Lovelace"])
        #expect(try runner.ok(["tag", "list"]) == "No tags yet; add one with `touchbase tag add CONTACT TAG`.\n")
        let all = try runner.array(["contact", "list", "--all"])
        #expect(all.count == 2 && all.first { $0["name"] as? String == "Bob Builder" }?["deleted"] as? Bool == true)
        #expect(try runner.ok(["contact", "list", "--all"]).contains("Bob Builder (deleted)"))
        try runner.refuses(["contact", "show", "Bob"], "no contact matches \"Bob\"")
        try runner.refuses(["contact", "rm", "Bob"], "no contact matches")

        #expect(try runner.ok(["contact", "restore", "Bob"]).contains("Restored Bob Builder"))
        #expect(try runner.array(["contact", "list"]).count == 2)
        #expect(try runner.object(["contact", "show", "Bob"])["tags"] as? [String] == ["mentors"])
        try runner.ok(["contact", "rm", String(bob.prefix(6))])
        try runner.ok(["contact", "restore", String(bob.prefix(6))])
        #expect(try runner.object(["contact", "show", bob])["deleted"] == nil)
    }

    @Test func mergeCopiesWhatTheSurvivorLacksAndShowsTheDuplicatesLinks() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        try runner.initialize()
        try runner.ok(["hub", "add", "PyData"])
        try runner.ok(["hub", "add", "Women in Tech"])
        try runner.ok(["contact", "add", "Ada Lovelace", "--email", "ada@x.org", "--tag", "mentors", "--hub", "PyData", "--notes", "mine"])
        try runner.ok(["contact", "add", "Ada L.", "--email", "ADA@x.org", "--email", "al@y.org", "--phone", "555-0100", "--org", "Engines",
                       "--voter", "set", "--notes", "theirs", "--tag", "founders", "--hub", "Women in Tech"])
        let survivor = try runner.id("Ada Lovelace")
        let duplicate = try runner.id("Ada L.")
        let store = try runner.store()
        try store.commit(RecordOps.put("interaction", store.environment.makeRecordID(), [
            ("contact", .ref(RecordID(hex: duplicate)!)), ("date", .date(CalendarDate(year: 2026, month: 2, day: 1)!)),
            ("kind", .text("meeting")), ("status", .text("done")),
        ]))

        let merged = try runner.ok(["contact", "merge", String(duplicate.prefix(8)), "--into", "Ada Lovelace"])
        #expect(merged.contains("Merged Ada L. (\(duplicate.prefix(8))) into Ada Lovelace (\(survivor.prefix(8)))"))
        #expect(merged.contains("copied org, email, phone, voter"))
        let ada = try runner.object(["contact", "show", "Ada Lovelace"])
        #expect(ada["emails"] as? [String] == ["ada@x.org", "al@y.org"])
        #expect(ada["phones"] as? [String] == ["555-0100"])
        #expect(ada["organization"] as? String == "Engines")
        #expect(ada["voter"] as? String == "set")
        #expect(ada["notes"] as? String == "mine", "the survivor's own values stay")
        #expect(ada["tags"] as? [String] == ["founders", "mentors"])
        #expect((ada["memberships"] as? [[String: Any]])?.compactMap { $0["hubName"] as? String } == ["PyData", "Women in Tech"])
        #expect((ada["interactions"] as? [[String: Any]])?.count == 1)

        // Reads of the duplicate lead to the survivor; listings hide it unless --all.
        #expect(try runner.id(String(duplicate.prefix(8))) == survivor)
        #expect(try runner.array(["contact", "list"]).count == 1)
        #expect(try runner.array(["contact", "list", "--tag", "founders"]).map { $0["id"] as? String } == [survivor])
        let hubID = try runner.id("Women in Tech", entity: "hub")
        #expect(try runner.array(["contact", "list", "--hub", hubID]).map { $0["id"] as? String } == [survivor])
        let all = try runner.array(["contact", "list", "--all"])
        #expect(all.first { $0["id"] as? String == duplicate }?["mergedInto"] as? String == survivor)
        #expect(try runner.array(["contact", "list"]).first?["lastTouch"] as? String == "2026-02-01")
        #expect(try runner.array(["tag", "list"]).first { $0["name"] as? String == "founders" }?["contacts"] as? Int == 1)
        let members = try runner.object(["hub", "show", "Women in Tech"])["members"] as? [[String: Any]] ?? []
        #expect(members.compactMap { $0["contact"] as? String } == [survivor])

        // Tag removal and leaving reach the duplicate's links too.
        try runner.ok(["tag", "rm", "Ada Lovelace", "founders"])
        try runner.ok(["hub", "leave", "Ada Lovelace", "Women in Tech"])
        let after = try runner.object(["contact", "show", "Ada Lovelace"])
        #expect(after["tags"] as? [String] == ["mentors"])
        #expect((after["memberships"] as? [[String: Any]])?.count == 1)

        let history = try runner.ok(["history", "Ada Lovelace"])
        #expect(history.contains("duplicate \(duplicate.prefix(8)): merged into Ada Lovelace"))
        #expect(history.contains("untagged founders") && history.contains("left Women in Tech"))
    }
}
