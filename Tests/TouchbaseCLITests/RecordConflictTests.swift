import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore

/// Two devices edit offline through the CLI; their Changes are exchanged in-process (as sync would);
/// `show` displays the conflicts and ordinary commands resolve them.
@Suite struct RecordConflictTests {
    /// Gives each Store every Change the other has.
    static func exchange(_ a: Store, _ b: Store) throws {
        for (from, to) in [(a, b), (b, a)] {
            var changes: [Change] = []
            for (device, _) in try from.version().sorted { changes += try from.changes(of: device, after: 0) }
            let report = try to.apply(changes)
            #expect(report.waiting.isEmpty)
        }
    }

    @Test func fieldAndDeleteConflictsAreShownAndResolved() throws {
        var laptop = try CLIRunner()
        var desktop = try CLIRunner()
        defer { laptop.cleanup(); desktop.cleanup() }
        try laptop.initialize(name: "laptop")
        try desktop.initialize(name: "desktop")
        try laptop.ok(["contact", "add", "Ada Lovelace", "--stage", "docket"])
        try laptop.ok(["contact", "add", "Bob Builder"])
        try Self.exchange(laptop.store(), desktop.store())

        laptop.environment["TOUCHBASE_NOW"] = "2026-03-02T10:00:00Z"
        desktop.environment["TOUCHBASE_NOW"] = "2026-03-02T11:00:00Z"
        try laptop.ok(["contact", "edit", "Ada", "--stage", "pending"])
        try desktop.ok(["contact", "edit", "Ada", "--stage", "active"])
        try laptop.ok(["contact", "rm", "Bob"])
        try desktop.ok(["contact", "edit", "Bob", "--notes", "met again"])
        try Self.exchange(laptop.store(), desktop.store())

        let ada = try laptop.object(["contact", "show", "Ada"])
        #expect(ada["stage"] as? String == "active", "the later edit is shown")
        let conflicts = ada["conflicts"] as? [[String: Any]] ?? []
        #expect(conflicts.count == 1)
        #expect(conflicts.first?["kind"] as? String == "field" && conflicts.first?["field"] as? String == "stage")
        let values = conflicts.first?["values"] as? [[String: Any]] ?? []
        #expect(values.compactMap { $0["value"] as? String } == ["active", "pending"])
        #expect(values.last?["deviceName"] as? String == "laptop")
        #expect(values.last?["time"] as? String == "2026-03-02T10:00:00.000Z")
        let text = try laptop.ok(["contact", "show", "Ada"])
        #expect(text.contains("Conflicts"))
        #expect(text.contains("stage: \"active\" ("), "\(text)")
        #expect(text.contains("\"pending\" (laptop, 2026-03-02 10:00:00)"))
        let seenOnDesktop = (try desktop.object(["contact", "show", "Ada"])["conflicts"] as? [[String: Any]])?.first?["values"] as? [[String: Any]] ?? []
        #expect(seenOnDesktop.compactMap { $0["value"] as? String } == ["active", "pending"], "the same on both devices")
        #expect(seenOnDesktop.compactMap { $0["device"] as? String } == values.compactMap { $0["device"] as? String })

        // Bob was deleted on the laptop while the desktop edited him: he stays, with a conflict.
        let bob = try laptop.object(["contact", "show", "Bob"])
        let bobConflicts = bob["conflicts"] as? [[String: Any]] ?? []
        #expect(bobConflicts.first?["kind"] as? String == "delete-vs-edit")
        #expect(bobConflicts.first?["editedFields"] as? [String] == ["notes"])
        #expect(try laptop.ok(["contact", "show", "Bob"]).contains("deleted on one device while edited on another (notes)"))

        // Ordinary commands resolve: an edit that sees both values, and restore.
        try laptop.ok(["contact", "edit", "Ada", "--stage", "active"])
        try laptop.ok(["contact", "restore", "Bob"])
        #expect(try laptop.store().conflicts().isEmpty)
        try Self.exchange(laptop.store(), desktop.store())
        #expect(try desktop.store().conflicts().isEmpty)
        #expect(try desktop.object(["contact", "show", "Bob"])["notes"] as? String == "met again")
        #expect(try desktop.array(["contact", "list"]).count == 2)
    }

    @Test func concurrentAddOfTheSameLinkedInProfileIsOneContact() throws {
        let laptop = try CLIRunner()
        let desktop = try CLIRunner()
        defer { laptop.cleanup(); desktop.cleanup() }
        try laptop.initialize(name: "laptop")
        try desktop.initialize(name: "desktop")
        try laptop.ok(["contact", "add", "Ada Lovelace", "--linkedin", "linkedin.com/in/adal", "--tag", "mentors"])
        try desktop.ok(["contact", "add", "Ada Lovelace", "--linkedin", "https://www.linkedin.com/in/AdaL/", "--tag", "Mentors"])
        try Self.exchange(laptop.store(), desktop.store())
        #expect(try laptop.array(["contact", "list"]).count == 1)
        #expect(try laptop.array(["tag", "list"]).first?["contacts"] as? Int == 1)
        #expect(try laptop.store().conflicts().isEmpty, "the same values written twice are not a conflict")
    }
}
