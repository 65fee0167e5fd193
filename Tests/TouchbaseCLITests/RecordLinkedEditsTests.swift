import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore

/// The reproductions through the real binary: merges and deletes acting through links
/// never hide a concurrent edit without a conflict, and read-modify-write commands never turn a
/// conflict into last-writer-wins (Protocol/SPEC.md §13).
@Suite struct RecordLinkedEditsTests {
    /// A laptop and a desktop that share "Ada" and "Ada L." (and "Bob").
    static func pair() throws -> (CLIRunner, CLIRunner) {
        var laptop = try CLIRunner(), desktop = try CLIRunner()
        laptop.environment["TOUCHBASE_NOW"] = "2026-03-02T10:00:00Z"
        desktop.environment["TOUCHBASE_NOW"] = "2026-03-02T11:00:00Z"
        try laptop.initialize(name: "laptop")
        try desktop.initialize(name: "desktop")
        try laptop.ok(["contact", "add", "Ada", "--email", "ada@old.io"])
        try laptop.ok(["contact", "add", "Ada L."])
        try laptop.ok(["contact", "add", "Bob"])
        try RecordConflictTests.exchange(laptop.store(), desktop.store())
        return (laptop, desktop)
    }

    static func names(_ runner: CLIRunner) throws -> [String] {
        try runner.array(["contact", "list"]).compactMap { $0["name"] as? String }.sorted()
    }

    @Test("merge X into Y on one device, delete Y on the other: Y and the touch on X stay, with a conflict")
    func mergeIntoConcurrentlyDeleted() throws {
        let (laptop, desktop) = try Self.pair()
        defer { laptop.cleanup(); desktop.cleanup() }
        try laptop.ok(["touch", "Ada", "--reason", "congrats on the talk"])
        try laptop.ok(["contact", "merge", "Ada", "--into", "Ada L."])
        try desktop.ok(["contact", "rm", "Ada L."])
        try RecordConflictTests.exchange(laptop.store(), desktop.store())
        for runner in [laptop, desktop] {
            #expect(try Self.names(runner) == ["Ada L.", "Bob"])
            let shown = try runner.object(["contact", "show", "Ada L."])
            #expect((shown["interactions"] as? [[String: Any]])?.count == 1, "the touch shows under the survivor")
            let conflicts = try runner.array(["conflicts"])
            #expect(conflicts.compactMap { $0["kind"] as? String } == ["delete-vs-edit"])
            #expect((conflicts.first?["links"] as? [[String: Any]])?.compactMap { $0["entity"] as? String } == ["contact", "interaction"])
        }
        #expect(try laptop.ok(["conflicts"]).contains("also edited at the same time"))
        // Deleting again, having seen the merge, removes it for good.
        try desktop.ok(["resolve", "1", "--delete"])
        try RecordConflictTests.exchange(laptop.store(), desktop.store())
        #expect(try Self.names(laptop) == ["Bob"])
        #expect(try laptop.store().conflicts().isEmpty)
    }

    @Test("edit X's email and ask on one device while the other merges X into Y: a conflict, then the edits reach Y")
    func editDuringMerge() throws {
        let (laptop, desktop) = try Self.pair()
        defer { laptop.cleanup(); desktop.cleanup() }
        try desktop.ok(["contact", "edit", "Ada", "--email", "ada@new.io", "--ask", "intro to Bob"])
        try laptop.ok(["contact", "merge", "Ada", "--into", "Ada L."])
        try RecordConflictTests.exchange(laptop.store(), desktop.store())
        for runner in [laptop, desktop] {
            let conflicts = try runner.array(["conflicts"])
            #expect(conflicts.compactMap { $0["kind"] as? String } == ["merge-vs-edit"])
            #expect(conflicts.first?["editedFields"] as? [String] == ["ask", "emails"])
            let shown = try runner.object(["contact", "show", "Ada L."])
            #expect((shown["conflicts"] as? [[String: Any]])?.first?["kind"] as? String == "merge-vs-edit", "the survivor shows it")
        }
        #expect(try laptop.ok(["conflicts"]).contains("--merge"))
        try laptop.ok(["resolve", "1", "--merge"])
        try RecordConflictTests.exchange(laptop.store(), desktop.store())
        for runner in [laptop, desktop] {
            #expect(try runner.store().conflicts().isEmpty)
            let survivor = try runner.object(["contact", "show", "Ada L."])
            #expect(survivor["ask"] as? String == "intro to Bob")
            #expect(survivor["emails"] as? [String] == ["ada@old.io", "ada@new.io"])
        }
    }

    @Test("a touch logged while the other device deletes the contact keeps the contact, with a conflict")
    func touchDuringDelete() throws {
        let (laptop, desktop) = try Self.pair()
        defer { laptop.cleanup(); desktop.cleanup() }
        try laptop.ok(["touch", "Bob", "--reason", "saw your post"])
        try desktop.ok(["contact", "rm", "Bob"])
        try RecordConflictTests.exchange(laptop.store(), desktop.store())
        for runner in [laptop, desktop] {
            #expect(try Self.names(runner) == ["Ada", "Ada L.", "Bob"])
            let conflicts = try runner.array(["conflicts"])
            #expect(conflicts.compactMap { $0["kind"] as? String } == ["delete-vs-edit"])
            #expect((conflicts.first?["links"] as? [[String: Any]])?.compactMap { $0["entity"] as? String } == ["interaction"])
        }
        #expect(try laptop.ok(["contact", "show", "Bob"]).contains("interaction"))
    }

    @Test("adding an email to a list in conflict is refused with how to resolve; merge keeps every value")
    func listInConflict() throws {
        let (laptop, desktop) = try Self.pair()
        defer { laptop.cleanup(); desktop.cleanup() }
        try laptop.ok(["contact", "edit", "Ada L.", "--email", "ada@work.com"])
        try desktop.ok(["contact", "edit", "Ada L.", "--email", "ada@home.net"])
        try RecordConflictTests.exchange(laptop.store(), desktop.store())
        try laptop.refuses(["contact", "edit", "Ada L.", "--add-email", "ada@new.io"], "emails are in conflict")
        let message = try laptop.fails(["contact", "edit", "Ada L.", "--add-email", "ada@new.io"])
        #expect(message.contains("touchbase resolve") && message.contains("--email"))
        // A merge keeps both conflicting values and the duplicate's.
        try laptop.ok(["contact", "merge", "Ada", "--into", "Ada L."])
        let emails = try laptop.object(["contact", "show", "Ada L."])["emails"] as? [String] ?? []
        #expect(Set(emails) == ["ada@work.com", "ada@home.net", "ada@old.io"])
        // Once settled, adding works.
        try laptop.ok(["contact", "edit", "Ada L.", "--add-email", "ada@new.io"])
        #expect((try laptop.object(["contact", "show", "Ada L."])["emails"] as? [String])?.last == "ada@new.io")
        #expect(try laptop.store().conflicts().isEmpty)
    }
}
