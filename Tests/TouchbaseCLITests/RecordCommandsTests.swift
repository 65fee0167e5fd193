import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore

/// What every record command shares: help text, and the helpers the other Record*Tests use.
@Suite struct RecordCommandsTests {
    static let recordCommands = ["init", "contact", "hub", "tag", "history"]

    @Test func everyCommandAndOptionHasHelp() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        let dump = try #require(try runner.run(["--experimental-dump-help"], home: false).json() as? [String: Any])
        let root = try #require(dump["command"] as? [String: Any])
        let top = (root["subcommands"] as? [[String: Any]] ?? []).filter { Self.recordCommands.contains($0["commandName"] as? String ?? "") }
        #expect(top.count == Self.recordCommands.count)

        var checked = 0
        func walk(_ command: [String: Any], path: String) {
            let path = path + " " + (command["commandName"] as? String ?? "?")
            #expect(!(command["abstract"] as? String ?? "").isEmpty, "\(path) has no abstract")
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                if names.contains("help") || names.contains("version") { continue }
                let label = names.first ?? argument["valueName"] as? String ?? "?"
                #expect(!(argument["abstract"] as? String ?? "").isEmpty, "\(path) \(label) has no help text")
                checked += 1
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub, path: path) }
        }
        for command in top { walk(command, path: "touchbase") }
        #expect(checked > 100)

        let help = try runner.ok(["contact", "add", "--help"])
        for text in ["--email", "repeat for several", "--linkedin", "--birthday", "--voter", "set (like you"] {
            #expect(help.contains(text), "contact add --help lacks \(text)")
        }
    }

    @Test func unknownOptionAndSubcommandAreRefused() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        try runner.initialize()
        try runner.refuses(["contact", "add", "Ada", "--frobnicate", "x"], "Unknown option '--frobnicate'")
        try runner.refuses(["contact", "list", "--stage"], "Missing value for '--stage")
        let before = try runner.databaseFingerprint()
        let unknown = try runner.run(["contact", "explode"], home: false)
        #expect(unknown.status == 64 && unknown.stderr.contains("touchbase contact has no command \"explode\""))
        #expect(try runner.databaseFingerprint() == before)
        try runner.refuses(["tag", "add", "Ada"], "Missing expected argument '<tag> ...'")
    }
}

// MARK: - Helpers for the record command tests

extension CLIRunner {
    /// `touchbase init --name laptop`.
    func initialize(name: String = "laptop") throws {
        try ok(["init", "--name", name])
    }

    /// Runs a `--json` command that prints an object.
    func object(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let r = try run(args + ["--json"])
        #expect(r.status == 0, "touchbase \(args.joined(separator: " ")) failed: \(r.stderr)", sourceLocation: sourceLocation)
        return try #require(try r.json() as? [String: Any], sourceLocation: sourceLocation)
    }

    /// Runs a `--json` listing.
    func array(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        let r = try run(args + ["--json"])
        #expect(r.status == 0, "touchbase \(args.joined(separator: " ")) failed: \(r.stderr)", sourceLocation: sourceLocation)
        return try #require(try r.json() as? [[String: Any]], sourceLocation: sourceLocation)
    }

    /// The id of a contact (or hub) as `show --json` reports it.
    func id(_ record: String, entity: String = "contact") throws -> String {
        try object([entity, "show", record])["id"] as? String ?? ""
    }

    /// Expects the command to fail with `message` on standard error, nothing on standard output
    /// that looks like success, and the database left as it was.
    func refuses(_ args: [String], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try databaseFingerprint()
        let r = try run(args)
        #expect(r.status != 0, "touchbase \(args.joined(separator: " ")) should have failed", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(message), "touchbase \(args.joined(separator: " ")): expected \"\(message)\" in: \(r.stderr)",
                sourceLocation: sourceLocation)
        #expect(try databaseFingerprint() == before, "touchbase \(args.joined(separator: " ")) changed the database",
                sourceLocation: sourceLocation)
    }

    /// The database, opened in this process (to add interactions or exchange Changes).
    func store() throws -> Store {
        try Store.open(at: home.appendingPathComponent("touchbase.sqlite").path)
    }
}
