#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// Helpers shared by the sync tests that drive the real `touchbase` binary: devices are temporary
/// homes, the shared folder is a temporary directory.

/// A temporary shared folder (and scratch space), removed by `cleanup`.
struct SyncSandbox {
    let root: URL

    init(_ label: String) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("tb-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// The shared folder.
    var folder: URL { root.appendingPathComponent("folder") }

    func cleanup() { try? FileManager.default.removeItem(at: root) }
}

/// One device: a home initialized by `touchbase init --name`.
struct SyncDevice {
    let name: String
    let cli: CLIRunner
    let id: DeviceID

    init(_ name: String, now: String? = "2026-03-02T09:00:00Z") throws {
        self.name = name
        cli = try CLIRunner(now: now)
        let out = try cli.ok(["init", "--name", name, "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let hex = try #require(json["device"] as? String)
        id = try #require(DeviceID(hex: hex))
    }

    var databasePath: String { cli.home.appendingPathComponent("touchbase.sqlite").path }

    /// `touchbase sync --folder F --json`, expected to succeed; the report.
    @discardableResult
    func sync(_ folder: URL, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let r = try cli.run(["sync", "--folder", folder.path, "--json"])
        #expect(r.status == 0, "\(name): sync failed (\(r.status)): \(r.stderr)\(r.stdout)", sourceLocation: sourceLocation)
        return (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]) ?? [:]
    }

    /// What a user sees, as the exact `--json` text: contacts (visible, then all) and conflicts.
    func observed() throws -> String {
        try ["contact list --json", "contact list --all --json", "conflicts --json"].map { line in
            let r = try cli.run(line.split(separator: " ").map(String.init))
            return "$ \(line)\n" + (r.status == 0 ? r.stdout : "exit \(r.status): \(r.stderr)")
        }.joined(separator: "\n")
    }

    func conflicts() throws -> [[String: Any]] {
        let out = try cli.ok(["conflicts", "--json"])
        return try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
    }

    func contacts(all: Bool = false) throws -> [[String: Any]] {
        let out = try cli.ok(["contact", "list", "--json"] + (all ? ["--all"] : []))
        return try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
    }

    /// The visible contacts' displayed fields, by name.
    func contactsByName() throws -> [String: [String: Any]] {
        var out: [String: [String: Any]] = [:]
        for c in try contacts() { if let n = c["name"] as? String { out[n] = c } }
        return out
    }

    /// Opens the database in-process (read-only use by the checks).
    func store() throws -> Store { try Store.open(at: databasePath) }

    func cleanup() { cli.cleanup() }
}

enum SyncChecks {
    /// `PRAGMA integrity_check` of a database file.
    static func integrity(_ path: String) throws -> String {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(30)
        let db = try DatabaseQueue(path: path, configuration: config)
        return try db.read { try String.fetchAll($0, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }

    /// Cheap check that the change log holds exactly the Changes the version vector counts (no
    /// duplicate row, no missing one): the number of rows against the sum of the vector.
    static func logRowsMatchVersion(_ store: Store) throws -> (rows: Int, counted: Int) {
        let rows = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM change") ?? -1 }
        return (rows, Int(try store.version().entries.values.reduce(0, +)))
    }

    /// Rows of the change log per device index and its recorded maximum: every applied Change once.
    static func expectLogExact(_ store: Store, context: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let version = try store.version()
        for (device, last) in version.sorted {
            let seqs = try store.changes(of: device, after: 0).map(\.seq)
            #expect(seqs == Array(1...last), "\(context): \(device.hex.prefix(8)) log \(seqs.count) rows for version \(last)",
                    sourceLocation: sourceLocation)
        }
        let rows = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM change") ?? -1 }
        #expect(rows == Int(version.entries.values.reduce(0, +)), "\(context): \(rows) change rows for \(version)", sourceLocation: sourceLocation)
    }
}

/// A child process of the `touchbase` binary that can be killed at any moment.
final class TouchbaseProcess: @unchecked Sendable {
    let process = Process()
    private let out = Pipe(), err = Pipe()
    private var stdoutData = Data(), stderrData = Data()
    private let group = DispatchGroup()

    init(_ args: [String], runner: CLIRunner) throws {
        process.executableURL = CLIRunner.binary
        process.arguments = args + ["--home", runner.home.path]
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["TZ"] = "UTC"
        env.removeValue(forKey: "TOUCHBASE_HOME")
        for (k, v) in runner.environment { env[k] = v }
        process.environment = env
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let o = out.fileHandleForReading, e = err.fileHandleForReading
        group.enter()
        DispatchQueue.global().async { [self] in stdoutData = o.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { [self] in stderrData = e.readDataToEndOfFile(); group.leave() }
    }

    func kill9() { _ = kill(process.processIdentifier, SIGKILL) }

    /// Waits for the end; (status, reason is signal, stdout, stderr).
    func wait() -> (status: Int32, killed: Bool, stdout: String, stderr: String) {
        process.waitUntilExit()
        group.wait()
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal,
                String(decoding: stdoutData, as: UTF8.self), String(decoding: stderrData, as: UTF8.self))
    }
}

/// Another device, in-process (its database on a RAM file system when there is one), publishing
/// into the same shared folder as the binary: the source of a large backlog.
final class InProcessPublisher {
    let store: Store
    let folder: SharedFolder
    let directory: URL
    private var counter = 0
    private var generator: SeededGenerator

    init(_ name: String, folder: URL, seed: UInt64) throws {
        var base = FileManager.default.temporaryDirectory
        if FileManager.default.isWritableFile(atPath: "/dev/shm") { base = URL(fileURLWithPath: "/dev/shm") }
        directory = base.appendingPathComponent("tb-publisher-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try Store.create(at: directory.appendingPathComponent("touchbase.sqlite").path, deviceName: name)
        // It signs what it writes with its own key, as its sync does.
        self.folder = SharedFolder(path: folder.path).signing(with: try DeviceKeyFile.loadOrCreate(for: store))
        generator = SeededGenerator(seed: seed)
    }

    var device: DeviceID { get throws { try store.device } }

    /// `count` Changes, each a small edit of one of `pool` contacts (ids shared by all publishers,
    /// so their edits meet and conflict).
    func edit(_ count: Int, pool: Int = 300) throws {
        for _ in 0..<count {
            counter += 1
            let id = RecordID(ID128(high: 0xC0DE, low: UInt64.random(in: 1...UInt64(pool), using: &generator)))
            let field = ["name", "notes", "organization", "role"].randomElement(using: &generator)!
            try store.commit([Op(entity: "contact", record: id, field: field, value: .text("\(field) \(counter % 7)"))])
        }
    }

    @discardableResult
    func sync() throws -> SyncReport { try SyncEngine(store: store, folder: folder).sync() }

    func cleanup() { try? FileManager.default.removeItem(at: directory) }
}
