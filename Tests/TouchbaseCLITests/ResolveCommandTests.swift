import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore

/// Every variant of `touchbase resolve`, on conflicts made by two devices.
@Suite struct ResolveCommandTests {
    /// Ada's stage in conflict: "active" (desktop, later, shown: a) vs "pending" (laptop: b).
    static func stageConflict() throws -> (CLIRunner, CLIRunner) {
        let (laptop, desktop) = try RecordLinkedEditsTests.pair()
        try laptop.ok(["contact", "edit", "Ada", "--stage", "pending"])
        try desktop.ok(["contact", "edit", "Ada", "--stage", "active"])
        try RecordConflictTests.exchange(laptop.store(), desktop.store())
        let values = try laptop.array(["conflicts"]).first?["values"] as? [[String: Any]] ?? []
        #expect(values.compactMap { $0["value"] as? String } == ["active", "pending"])
        return (laptop, desktop)
    }

    static func stage(_ runner: CLIRunner) throws -> String? { try runner.object(["contact", "show", "Ada"])["stage"] as? String }

    @Test(arguments: [("a", "active"), ("b", "pending"), ("B", "pending"), ("1", "active"), ("2", "pending")])
    func keep(choice: String, expected: String) throws {
        let (laptop, desktop) = try Self.stageConflict()
        defer { laptop.cleanup(); desktop.cleanup() }
        try laptop.ok(["resolve", "1", "--keep", choice])
        #expect(try Self.stage(laptop) == expected, "--keep \(choice)")
        #expect(try laptop.store().conflicts().isEmpty)
        try RecordConflictTests.exchange(laptop.store(), desktop.store())
        #expect(try Self.stage(desktop) == expected)
        #expect(try desktop.store().conflicts().isEmpty)
    }

    @Test func valueAndRefusals() throws {
        let (laptop, desktop) = try Self.stageConflict()
        defer { laptop.cleanup(); desktop.cleanup() }
        try laptop.refuses(["resolve", "1", "--keep", "c"], "--keep must be one of a…b")
        try laptop.refuses(["resolve", "1", "--keep", "0"], "--keep must be one of")
        try laptop.refuses(["resolve", "2", "--keep", "a"], "no conflict number 2")
        try laptop.refuses(["resolve", "1", "--keep", "a", "--value", "want"], "choose exactly one")
        try laptop.refuses(["resolve", "1", "--restore"], "a field conflict takes --keep or --value")
        try laptop.refuses(["resolve", "1", "--merge"], "a field conflict takes --keep or --value")
        try laptop.refuses(["resolve", "1", "--value", "nonsense"], "stage")
        try laptop.ok(["resolve", "1", "--value", "want"])
        #expect(try Self.stage(laptop) == "want")
        #expect(try laptop.store().conflicts().isEmpty)
        try laptop.refuses(["resolve", "1", "--keep", "a"], "there are no open conflicts")
    }

    @Test(arguments: [true, false])
    func deleteVsEdit(restore: Bool) throws {
        let (laptop, desktop) = try RecordLinkedEditsTests.pair()
        defer { laptop.cleanup(); desktop.cleanup() }
        try laptop.ok(["contact", "rm", "Bob"])
        try desktop.ok(["contact", "edit", "Bob", "--notes", "met again"])
        try RecordConflictTests.exchange(laptop.store(), desktop.store())
        try laptop.refuses(["resolve", "1", "--keep", "a"], "a delete-vs-edit conflict takes --restore or --delete")
        try laptop.ok(["resolve", "1", restore ? "--restore" : "--delete"])
        try RecordConflictTests.exchange(laptop.store(), desktop.store())
        for runner in [laptop, desktop] {
            #expect(try runner.store().conflicts().isEmpty)
            #expect(try RecordLinkedEditsTests.names(runner).contains("Bob") == restore)
        }
    }

    @Test func mergeCycleSurvivor() throws {
        let (laptop, desktop) = try RecordLinkedEditsTests.pair()
        defer { laptop.cleanup(); desktop.cleanup() }
        try laptop.ok(["contact", "merge", "Ada", "--into", "Ada L."])
        try desktop.ok(["contact", "merge", "Ada L.", "--into", "Ada"])
        try RecordConflictTests.exchange(laptop.store(), desktop.store())
        let number = try laptop.array(["conflicts"]).firstIndex { $0["kind"] as? String == "merge-cycle" }.map { $0 + 1 } ?? 0
        try laptop.refuses(["resolve", String(number), "--survivor", "Bob"], "--survivor must name one of the records in the cycle")
        try laptop.ok(["resolve", String(number), "--survivor", "Ada L."])
        try RecordConflictTests.exchange(laptop.store(), desktop.store())
        for runner in [laptop, desktop] {
            #expect(try runner.store().conflicts().filter { $0.kind == .mergeCycle }.isEmpty)
            #expect(try RecordLinkedEditsTests.names(runner) == ["Ada L.", "Bob"])
        }
    }

    @Test func mergeVsEditUnmerge() throws {
        let (laptop, desktop) = try RecordLinkedEditsTests.pair()
        defer { laptop.cleanup(); desktop.cleanup() }
        try desktop.ok(["contact", "edit", "Ada", "--ask", "intro to Bob"])
        try laptop.ok(["contact", "merge", "Ada", "--into", "Ada L."])
        try RecordConflictTests.exchange(laptop.store(), desktop.store())
        try laptop.refuses(["resolve", "1", "--restore"], "a merge-vs-edit conflict takes --merge or --unmerge")
        try laptop.ok(["resolve", "1", "--unmerge"])
        try RecordConflictTests.exchange(laptop.store(), desktop.store())
        for runner in [laptop, desktop] {
            #expect(try runner.store().conflicts().isEmpty)
            #expect(try RecordLinkedEditsTests.names(runner) == ["Ada", "Ada L.", "Bob"])
            #expect(try runner.object(["contact", "show", "Ada"])["ask"] as? String == "intro to Bob")
        }
    }
}
