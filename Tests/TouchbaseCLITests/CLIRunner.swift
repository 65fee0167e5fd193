import Foundation
import Testing
import TouchbaseStore

/// Runs the built `touchbase` binary on a temporary home, as a user would.
struct CLIRunner {
    /// The result of one run.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Standard output parsed as JSON.
        func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed]) }
    }

    /// The temporary data directory (removed by `cleanup`).
    let home: URL
    /// Extra environment (e.g. `TOUCHBASE_NOW`).
    var environment: [String: String] = [:]

    /// A runner on a new empty home.
    init(now: String? = "2026-03-02T09:00:00Z") throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("touchbase-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        if let now { environment["TOUCHBASE_NOW"] = now }
    }

    /// The `touchbase` binary next to the test bundle.
    static var binary: URL {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("touchbase")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        let fallback = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/touchbase")
        return fallback
    }

    /// Runs `touchbase args…` with `--home` pointing at the temporary home (unless `home: false`).
    @discardableResult
    func run(_ args: [String], stdin: String? = nil, home useHome: Bool = true) throws -> Result {
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = args + (useHome ? ["--home", home.path] : [])
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["TZ"] = "UTC"
        env.removeValue(forKey: "TOUCHBASE_HOME")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        // Files, not pipes: nothing can fill up and block the child, and no read is cut short by
        // a signal (EINTR) while the test process runs many children at once.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("touchbase-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inURL = scratch.appendingPathComponent("stdin"), outURL = scratch.appendingPathComponent("stdout"),
            errURL = scratch.appendingPathComponent("stderr")
        try Data((stdin ?? "").utf8).write(to: inURL)
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let input = try FileHandle(forReadingFrom: inURL), out = try FileHandle(forWritingTo: outURL),
            err = try FileHandle(forWritingTo: errURL)
        defer { try? input.close(); try? out.close(); try? err.close() }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        process.waitUntilExit()
        let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs and expects success, returning standard output.
    @discardableResult
    func ok(_ args: [String], stdin: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let r = try run(args, stdin: stdin)
        #expect(r.status == 0, "touchbase \(args.joined(separator: " ")) failed: \(r.stderr)", sourceLocation: sourceLocation)
        return r.stdout
    }

    /// Runs and expects failure, returning standard error.
    @discardableResult
    func fails(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let r = try run(args)
        #expect(r.status != 0, "touchbase \(args.joined(separator: " ")) should have failed", sourceLocation: sourceLocation)
        return r.stderr
    }

    /// What the database holds, logically: the version vector (every edit is a Change, so a refused
    /// command that wrote nothing leaves it as it was). Empty when there is no database.
    func databaseFingerprint() throws -> String {
        let path = home.appendingPathComponent("touchbase.sqlite").path
        guard FileManager.default.fileExists(atPath: path) else { return "" }
        return try Store.open(at: path).version().description
    }

    /// Removes the temporary home.
    func cleanup() { try? FileManager.default.removeItem(at: home) }
}
