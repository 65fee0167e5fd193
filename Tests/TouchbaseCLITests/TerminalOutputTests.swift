import Foundation
import Testing
import TouchbaseCore
import TouchbaseInterop

/// Names, fields, device names and file names reach the terminal made visible, never obeyed:
/// escape sequences, line breaks and bidi overrides from imports, other devices or the folder.
@Suite struct TerminalOutputTests {
    static let osc = "Eve\u{1B}]0;pwned\u{07}"
    static let clear = "Mallory\u{1B}[2J"
    static let bidi = "Trudy \u{202E}gpj.exe"
    static let c1 = "Oscar\u{9B}31m"

    /// Control characters a terminal would obey (line feed aside, which ends printed lines).
    static func unsafe(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { s in
            let v = s.value
            return (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
        }
    }

    static func hostileRunner() throws -> CLIRunner {
        let runner = try CLIRunner()
        try runner.initialize()
        let csv = TouchbaseCSV.write(cards: [
            ContactCard(name: osc, organization: clear, notes: "line one\nFAKE LINE", stage: "want", ask: bidi),
            ContactCard(name: clear, role: c1, tags: ["t\u{1B}[31mred"], hubs: ["Hub\u{1B}[8m"]),
            ContactCard(name: bidi),
            ContactCard(name: String(repeating: "A", count: 30) + "\u{1B}[2J and more"),
        ])
        let file = runner.home.appendingPathComponent("hostile.csv")
        try Data(csv.utf8).write(to: file)
        try runner.ok(["import", "csv", file.path])
        return runner
    }

    @Test func everyHumanOutputShowsControlCharactersInsteadOfSendingThem() throws {
        let runner = try Self.hostileRunner()
        defer { runner.cleanup() }
        let commands: [[String]] = [
            ["contact", "list"], ["contact", "list", "--all"], ["contact", "show", "Eve"], ["contact", "show", "Mallory"],
            ["history", "Eve"], ["hub", "list"], ["tag", "list"], ["today"], ["board"], ["pace"], ["devices"], ["conflicts"],
            ["contact", "show", "\u{1B}]0;nobody\u{07}"], ["contact", "edit", "Eve", "--stage", "\u{1B}[2Jbogus"],
        ]
        for args in commands {
            let r = try runner.run(args)
            #expect(Self.unsafe(r.stdout).isEmpty, "touchbase \(args.joined(separator: " ")) printed \(Self.unsafe(r.stdout)): \(r.stdout)")
            #expect(Self.unsafe(r.stderr).isEmpty, "touchbase \(args.joined(separator: " ")) wrote \(Self.unsafe(r.stderr)) to stderr: \(r.stderr)")
        }
        let list = try runner.ok(["contact", "list"])
        #expect(list.contains("Eve^[]0;pwned^G"))
        #expect(list.contains("Mallory^[[2J"))
        #expect(list.contains("Trudy \\u{202E}gpj.exe"))
        // A note's line break does not make a line of its own.
        let show = try runner.ok(["contact", "show", "Eve"])
        #expect(show.contains("line one\\nFAKE LINE"))
        #expect(!show.split(separator: "\n").contains { $0.hasPrefix("FAKE LINE") })
    }

    @Test func truncationNeverCutsAnEscapeInHalf() throws {
        let runner = try Self.hostileRunner()
        defer { runner.cleanup() }
        let list = try runner.ok(["contact", "list"])
        let line = try #require(list.split(separator: "\n").first { $0.hasPrefix("AAAA") })
        // 32 cells: 30 letters, then `^[` would need 2 more cells than the ellipsis leaves.
        #expect(line.hasPrefix(String(repeating: "A", count: 30) + "…"))
        #expect(!line.contains("\u{1B}"))
    }

    @Test func jsonStaysExact() throws {
        let runner = try Self.hostileRunner()
        defer { runner.cleanup() }
        let names = Set(try runner.array(["contact", "list"]).compactMap { $0["name"] as? String })
        #expect(names.isSuperset(of: [Self.osc, Self.clear, Self.bidi]))
        let eve = try runner.object(["contact", "show", Self.osc])
        #expect(eve["notes"] as? String == "line one\nFAKE LINE")
        #expect(eve["organization"] as? String == Self.clear)
    }

    @Test func deviceNamesAndFileNamesInSyncAreMadeVisible() throws {
        let sandbox = try SyncSandbox("term")
        defer { sandbox.cleanup() }
        let a = try SyncDevice("lap\u{1B}]0;owned\u{07}top")
        let b = try SyncDevice("desk")
        defer { a.cli.cleanup(); b.cli.cleanup() }
        try a.cli.ok(["contact", "add", "Ada"])
        try a.sync(sandbox.folder)
        // A name in the folder with a line break that would print as a line of its own.
        let evil = sandbox.folder.appendingPathComponent("notes\nimported 99 changes from mallory")
        try Data("x".utf8).write(to: evil)
        let r = try b.cli.run(["sync", "--folder", sandbox.folder.path, "-v"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.unsafe(r.stdout).isEmpty, "\(r.stdout)")
        #expect(r.stdout.contains("lap^[]0;owned^Gtop"))
        #expect(r.stdout.contains("notes\\nimported 99 changes from mallory"))
        #expect(!r.stdout.split(separator: "\n").contains { $0.hasPrefix("imported 99") })
        for args in [["devices"], ["history", "Ada"]] {
            let out = try b.cli.ok(args)
            #expect(Self.unsafe(out).isEmpty, "\(args): \(out)")
        }
    }

    /// Known display widths: CJK ideographs and emoji take 2 cells, a combining accent none.
    static let names: [(name: String, cells: Int)] = [
        ("张伟", 4), ("山田太郎", 8), ("😀 Smile", 8), ("Zoe\u{301}", 3), ("Ada", 3), ("👩‍👩‍👧 Family", 9),
    ]

    @Test func tablesAlignWithWideCharacters() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        try runner.initialize()
        for (name, _) in Self.names { try runner.ok(["contact", "add", name, "--org", "Org"]) }
        let list = try runner.ok(["contact", "list"])
        var columns = Set<Int>()
        for (name, cells) in Self.names {
            let line = try #require(list.split(separator: "\n").first { $0.hasPrefix(name) }, "\(name) not listed: \(list)")
            let afterName = line.dropFirst(name.count)
            let spaces = afterName.prefix { $0 == " " }.count
            #expect(afterName.dropFirst(spaces).hasPrefix("Org"), "\(line)")
            columns.insert(cells + spaces)
        }
        #expect(columns.count == 1, "the ORG column starts at different cells: \(columns)\n\(list)")
    }
}

@Suite struct DataDirectoryPermissionsTests {
    static func mode(_ path: String) -> mode_t? {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & 0o777 : nil
    }

    @Test func initAndSyncWithUmask022KeepEverythingPrivate() throws {
        let old = umask(0o022)
        defer { umask(old) }
        let sandbox = try SyncSandbox("perm")
        defer { sandbox.cleanup() }
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        let home = runner.home.appendingPathComponent("data")
        let r = try runner.run(["init", "--name", "laptop", "--home", home.path], home: false)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.mode(home.path) == 0o700)
        let r2 = try runner.run(["contact", "add", "Ada", "--home", home.path], home: false)
        #expect(r2.status == 0, "\(r2.stderr)")
        for name in try FileManager.default.contentsOfDirectory(atPath: home.path) {
            #expect(Self.mode(home.appendingPathComponent(name).path) == 0o600, "\(name)")
        }
        let r3 = try runner.run(["sync", "--folder", sandbox.folder.path, "--home", home.path], home: false)
        #expect(r3.status == 0, "\(r3.stderr)")
        let all = FileManager.default.enumerator(atPath: sandbox.folder.path)?.allObjects as? [String] ?? []
        #expect(!all.isEmpty)
        for p in all {
            var isDir: ObjCBool = false
            let full = sandbox.folder.appendingPathComponent(p).path
            FileManager.default.fileExists(atPath: full, isDirectory: &isDir)
            #expect(Self.mode(full) == (isDir.boolValue ? 0o700 : 0o600), "\(p)")
        }
    }

    @Test func anExistingLooseDataDirectoryIsTightenedAndTheFolderModeCanBeChosen() throws {
        let sandbox = try SyncSandbox("perm2")
        defer { sandbox.cleanup() }
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        try runner.initialize()
        chmod(runner.home.path, 0o755)
        chmod(runner.home.appendingPathComponent("touchbase.sqlite").path, 0o644)
        try runner.ok(["contact", "add", "Ada"])
        #expect(Self.mode(runner.home.path) == 0o700)
        #expect(Self.mode(runner.home.appendingPathComponent("touchbase.sqlite").path) == 0o600)
        try runner.ok(["sync", "--folder", sandbox.folder.path, "--permissions", "everyone"])
        let all = FileManager.default.enumerator(atPath: sandbox.folder.path)?.allObjects as? [String] ?? []
        let files = all.filter { $0.hasSuffix(".tbc") }
        #expect(!files.isEmpty)
        for p in files { #expect(Self.mode(sandbox.folder.appendingPathComponent(p).path) == 0o644, "\(p)") }
        let bad = try runner.run(["sync", "--permissions", "wide-open"])
        #expect(bad.status == 64)
    }
}
