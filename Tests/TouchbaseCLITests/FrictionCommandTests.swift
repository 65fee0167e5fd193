import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
@testable import TouchbaseCLI

/// Finding people and the small frictions a new user met: accents and case in names, a "did you
/// mean", mistyped commands, exit statuses, conflict handles that do not shift.
@Suite struct FrictionCommandTests {
    func runner() throws -> CLIRunner {
        let r = try CLIRunner()
        try r.initialize(name: "laptop")
        return r
    }

    @Test func namesAreFoundWhateverTheAccentsAndTheCase() throws {
        let r = try runner()
        defer { r.cleanup() }
        try r.ok(["contact", "add", "Tomás Herrera", "--ask", "an intro", "--offer", "notes"])
        try r.ok(["contact", "add", "Léa Dubois"])
        try r.ok(["hub", "add", "Café Numérique"])
        #expect(try r.object(["contact", "show", "Lea"])["name"] as? String == "Léa Dubois")
        #expect(try r.ok(["touch", "tomas", "--reason", "saw your talk"]).contains("Tomás Herrera"))
        try r.ok(["contact", "edit", "LEA", "--org", "Zillow"])
        try r.ok(["hub", "join", "tomas herrera", "cafe numerique"])
        try r.ok(["tag", "add", "lea", "alumni"])
        try r.ok(["meet", "Tomas", "--on", "2026-03-04", "--exit", "who hires"])
    }

    @Test func aMissSuggestsTheNearestNameAndIsARefusal() throws {
        let r = try runner()
        defer { r.cleanup() }
        try r.ok(["contact", "add", "Marcus Oyelaran"])
        let miss = try r.run(["touch", "Markus", "--reason", "hi"])
        #expect(miss.status == 1)
        #expect(miss.stderr.contains("no contact matches \"Markus\"; did you mean Marcus Oyelaran?"), "\(miss.stderr)")
        let none = try r.run(["contact", "show", "Zebedee"])
        #expect(none.status == 1)
        #expect(!none.stderr.contains("did you mean"))
    }

    @Test func aMistypedCommandSaysSoWithTheUsage() throws {
        let r = try runner()
        defer { r.cleanup() }
        try r.ok(["contact", "add", "Ben"])
        let typo = try r.run(["tuch", "Ben"])
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("touchbase has no command \"tuch\""), "\(typo.stderr)")
        #expect(typo.stderr.contains("`touchbase touch`"))
        #expect(typo.stderr.contains("SUBCOMMANDS"))
        let plural = try r.run(["contacts", "list"])
        #expect(plural.status == 64)
        #expect(plural.stderr.contains("no command \"contacts\"") && plural.stderr.contains("`touchbase contact`"), "\(plural.stderr)")
        let nested = try r.run(["contact", "lst"])
        #expect(nested.status == 64)
        #expect(nested.stderr.contains("touchbase contact has no command \"lst\"") && nested.stderr.contains("`touchbase contact list`"), "\(nested.stderr)")
        let help = try r.run(["help", "nosuch"], home: false)
        #expect(help.status == 0)
        #expect(help.stdout.contains("There is no command \"nosuch\"") && help.stdout.contains("SUBCOMMANDS"))
        // Known commands still parse, the default one included.
        try r.ok(["today"])
        try r.ok([])
    }

    @Test func usageErrorsExitWith64AndRefusalsWith1() throws {
        let r = try runner()
        defer { r.cleanup() }
        try r.ok(["contact", "add", "Ada"])
        try r.ok(["reason", "add", "I wrote a post"])
        for args in [["touch", "Ada", "--reason", "hi", "--on", "2026-13-40"], ["contact", "add"], ["contact", "list", "--bogus"],
                     ["board", "--stage", "nonsense"], ["resolve"]] {
            #expect(try r.run(args).status == 64, "\(args)")
        }
        for args in [["touch", "Nobody", "--reason", "hi"], ["touch", "Ada"], ["reason", "add", "I wrote a post"],
                     ["resolve", "1", "--keep", "a"], ["resolve", "k2345x", "--keep", "a"]] {
            #expect(try r.run(args).status == 1, "\(args)")
        }
    }

    @Test func theHelpSaysEachDefaultOnce() throws {
        let r = try runner()
        defer { r.cleanup() }
        for command in [["meet"], ["debrief"], ["touch"], ["reply"], ["contact", "add"], ["contact", "bulk"], ["today"], ["pace"], ["prep"], ["board"], ["sync"], ["init"], ["export", "csv"], ["search"]] {
            let help = try r.run(["help"] + command, home: false).stdout
            for line in help.components(separatedBy: "\n") {
                #expect(line.components(separatedBy: "(default").count <= 2, "\(command): \(line)")
            }
        }
    }

    /// Two devices, two conflicts: the handles agree on both, and resolving one leaves the
    /// other's handle (and the resolve by that handle) working on the other device.
    @Test func conflictHandlesAreStableAndTheSameOnEveryDevice() throws {
        let (laptop, desktop) = try RecordLinkedEditsTests.pair()
        defer { laptop.cleanup(); desktop.cleanup() }
        try laptop.ok(["contact", "edit", "Ada", "--stage", "pending"])
        try desktop.ok(["contact", "edit", "Ada", "--stage", "active"])
        try laptop.ok(["contact", "edit", "Bob", "--org", "Initech"])
        try desktop.ok(["contact", "edit", "Bob", "--org", "Globex"])
        try RecordConflictTests.exchange(laptop.store(), desktop.store())
        let onLaptop = try laptop.array(["conflicts"]).compactMap { $0["handle"] as? String }
        let onDesktop = try desktop.array(["conflicts"]).compactMap { $0["handle"] as? String }
        #expect(onLaptop.count == 2)
        #expect(onLaptop == onDesktop)
        #expect(onLaptop.allSatisfy { $0.count == 6 && $0.first!.isLetter })
        #expect(try laptop.ok(["conflicts"]).contains("[\(onLaptop[1])]"))
        let shown = try laptop.object(["contact", "show", "Ada"])["conflicts"] as? [[String: Any]] ?? []
        #expect(shown.count == 1 && onLaptop.contains(shown.first?["handle"] as? String ?? "-"))
        // Resolve the first on the laptop by handle; the second keeps its handle.
        try laptop.ok(["resolve", onLaptop[0].uppercased(), "--keep", "a"])
        #expect(try laptop.array(["conflicts"]).compactMap { $0["handle"] as? String } == [onLaptop[1]])
        try RecordConflictTests.exchange(laptop.store(), desktop.store())
        // The desktop resolves the other one by the handle it saw before the first resolve.
        try desktop.ok(["resolve", onDesktop[1], "--keep", "b"])
        #expect(try desktop.array(["conflicts"]).isEmpty)
        let stale = try laptop.run(["resolve", onLaptop[0], "--keep", "a"])
        #expect(stale.status == 1 && stale.stderr.contains("no open conflict"))
    }
}

/// `TOUCHBASE_NOW` in the forms people write, and an `init` that fails leaves nothing behind.
@Suite struct ClockAndInitTests {
    @Test func touchbaseNowTakesTimesWithoutSecondsOrZone() throws {
        for now in ["2026-03-02T08:30", "2026-03-02T08:30:00", "2026-03-02 08:30", "2026-03-02T08:30+00:00", "2026-03-02"] {
            let r = try CLIRunner(now: now)
            defer { r.cleanup() }
            try r.initialize()
            #expect(try r.ok(["today"]).contains("Monday 2 March 2026"), "\(now)")
        }
    }

    @Test func aFailedInitLeavesNoDirectory() throws {
        var r = try CLIRunner(now: "not a time")
        defer { r.cleanup() }
        let home = r.home.appendingPathComponent("new/touchbase")
        let bad = try r.run(["init", "--name", "x", "--home", home.path], home: false)
        #expect(bad.status == 64 && bad.stderr.contains("TOUCHBASE_NOW"))
        #expect(!FileManager.default.fileExists(atPath: r.home.appendingPathComponent("new").path))
        r.environment["TOUCHBASE_NOW"] = "2026-03-02T08:30"
        #expect(try r.run(["init", "--name", "x", "--home", home.path, "--folder", "/no/such/folder"], home: false).status == 64)
        #expect(!FileManager.default.fileExists(atPath: r.home.appendingPathComponent("new").path))
        #expect(try r.run(["init", "--name", "x", "--home", home.path], home: false).status == 0)
        #expect(FileManager.default.fileExists(atPath: home.path))
    }
}

/// Listings align on terminal cells with Chinese, Japanese, emoji and combining marks.
@Suite struct WideNameAlignmentTests {
    @Test func boardAndContactListAlignWideNames() throws {
        let r = try CLIRunner()
        defer { r.cleanup() }
        try r.initialize()
        let names = ["王小明", "山田太郎さん", "Zoe\u{308} Ng", "😀 Sam", "Ada", "👩‍👩‍👧 Family Org"]
        for name in names { try r.ok(["contact", "add", name, "--org", "Acme"]) }
        let board = try r.ok(["board"]).components(separatedBy: "\n").filter { $0.contains("last:") }
        #expect(board.count == names.count)
        let columns = Set(board.map { TerminalText.width($0.components(separatedBy: "last:")[0]) })
        #expect(columns.count == 1, "\(board)")
        let list = try r.ok(["contact", "list"]).components(separatedBy: "\n").filter { $0.contains("Acme") }
        #expect(list.count == names.count)
        let orgColumns = Set(list.map { TerminalText.width($0.components(separatedBy: "Acme")[0]) })
        #expect(orgColumns.count == 1, "\(list)")
    }
}
