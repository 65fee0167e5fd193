import Foundation
import GRDB
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// A temporary directory for one test, removed when the value goes away.
final class KitTemporaryDirectory {
    let url: URL

    init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("tb-kit-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A subdirectory, created.
    func directory(_ name: String) throws -> URL {
        let u = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A seeded generator shared by the workspaces of one test (ids are drawn from it).
final class KitRandom: @unchecked Sendable {
    private let lock = NSLock()
    private var generator: SeededGenerator

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    func recordID() -> RecordID { lock.withLock { RecordID.random(using: &generator) } }
    func deviceID() -> DeviceID { lock.withLock { DeviceID.random(using: &generator) } }
}

/// Workspaces on injected time and ids, and what a test checks of them.
enum KitFixtures {
    static func environment(clock: TestClock, random: KitRandom) -> WorkspaceEnvironment {
        WorkspaceEnvironment(now: { clock.now }, makeRecordID: { random.recordID() }, makeDeviceID: { random.deviceID() })
    }

    /// A new workspace in `directory/name`.
    static func workspace(_ name: String, in directory: KitTemporaryDirectory, clock: TestClock, random: KitRandom,
                          folder: URL? = nil) throws -> Workspace {
        try Workspace.create(directory: directory.url.appendingPathComponent(name), deviceName: name, folder: folder?.path,
                             environment: environment(clock: clock, random: random))
    }

    /// Adds `count` contacts, one edit each.
    static func addContacts(_ workspace: Workspace, _ count: Int, prefix: String) throws {
        for n in 0..<count {
            _ = try workspace.store.commit(RecordOps.put("contact", workspace.store.environment.makeRecordID(),
                                                         [("name", .text("\(prefix) \(n)"))]))
        }
    }

    /// Every contact's name, sorted.
    static func contactNames(_ workspace: Workspace) throws -> [String] {
        try workspace.store.records(RecordQuery(entity: "contact")).map(\.displayName).sorted()
    }

    /// `PRAGMA integrity_check` of the workspace's database.
    static func integrity(_ workspace: Workspace) throws -> String {
        try workspace.store.read { try String.fetchAll($0, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }

    /// Whether the change log holds exactly the changes the version vector counts, each once.
    static func logMatchesVersion(_ workspace: Workspace) throws -> Bool {
        let version = try workspace.store.version()
        for (device, last) in version.sorted where try workspace.store.changes(of: device, after: 0).map(\.seq) != Array(1...last) {
            return false
        }
        let rows = try workspace.store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM change") ?? -1 }
        return rows == Int(version.entries.values.reduce(0, +))
    }
}

/// Holds a task so that a callback running on another thread can cancel it.
final class TaskBox: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<SyncReport, any Error>?

    func set(_ t: Task<SyncReport, any Error>) { lock.withLock { task = t } }
    func cancel() { lock.withLock { task }?.cancel() }
}
