import Foundation
import Testing
@testable import TouchbaseKit
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// Consumes an observation in a task of its own and keeps the latest value, so a test can make
/// changes and wait for what a screen would show.
struct KitObserver<T: Sendable> {
    actor Latest {
        var values: [T] = []
        func append(_ value: T) { values.append(value) }
    }

    let latest = Latest()
    let task: Task<Void, Never>

    init(_ stream: AsyncThrowingStream<T, Error>) {
        let latest = self.latest
        task = Task {
            do { for try await value in stream { await latest.append(value) } } catch {}
        }
    }

    /// The latest value once it satisfies `condition`, or `nil` after `timeout` of waiting (``PatientWait``).
    func value(within timeout: Duration = .seconds(120), where condition: @Sendable (T) -> Bool) async -> T? {
        await PatientWait.value(within: timeout) {
            if let last = await latest.values.last, condition(last) { return last }
            return nil
        }
    }

    func cancel() { task.cancel() }
}

/// A workspace in a temporary data directory.
final class TempWorkspace: Sendable {
    let directory: URL
    let workspace: Workspace

    init(device: UInt64 = 1) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tb-kit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let env = StoreEnvironment(now: { 1_767_603_600_000 },
                                   makeRecordID: { var g = SystemRandomNumberGenerator(); return .random(using: &g) },
                                   makeDeviceID: { Fixtures.device(device) })
        _ = try Store.create(at: Workspace.databaseURL(in: directory).path, deviceName: "laptop", environment: env)
        workspace = try Workspace.open(directory: directory, environment: env)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}

@Suite struct KitObservationTests {
    static func put(_ n: UInt64, _ fields: [(String, Value?)], entity: String = "contact") -> [Op] {
        RecordOps.put(entity, Fixtures.record(n), fields)
    }

    @Test func theContactListFollowsEdits() async throws {
        let temp = try TempWorkspace()
        let ws = temp.workspace
        let list = KitObserver(ws.observeContacts())
        defer { list.cancel() }
        #expect(await list.value { $0.isEmpty } != nil)
        try ws.store.commit(Self.put(1, [("name", .text("Grace Hopper"))]))
        try ws.store.commit(Self.put(2, [("name", .text("Ada Lovelace"))]))
        #expect(await list.value { $0.map(\.displayName) == ["Ada Lovelace", "Grace Hopper"] } != nil)
        try ws.store.commit(RecordOps.delete("contact", Fixtures.record(1)))
        #expect(await list.value { $0.map(\.displayName) == ["Ada Lovelace"] } != nil)
    }

    @Test func oneContactFollowsItsEditsAndAMerge() async throws {
        let temp = try TempWorkspace()
        let ws = temp.workspace
        let ada = KitObserver(ws.observeContact(Fixtures.record(1)))
        defer { ada.cancel() }
        #expect(await ada.value { $0 == nil } != nil, "nil while there is no such contact")
        try ws.store.commit(Self.put(1, [("name", .text("Ada"))]))
        #expect(await ada.value { $0?.displayName == "Ada" } != nil)
        try ws.store.commit(Self.put(1, [("organization", .text("Analytical Engines"))]))
        #expect(await ada.value { $0?.text("organization") == "Analytical Engines" } != nil)
        try ws.store.commit(Self.put(2, [("name", .text("Ada Lovelace"))]) + RecordOps.merge("contact", from: Fixtures.record(1), into: Fixtures.record(2)))
        #expect(await ada.value { $0?.id == Fixtures.record(2) } != nil, "a merged duplicate shows as its survivor")
    }

    @Test func openConflictsAppearWhenAnotherDevicesEditClashes() async throws {
        let temp = try TempWorkspace(device: 1)
        let ws = temp.workspace
        let phone = try Store.inMemory(environment: StoreEnvironment(now: { 1_767_603_600_000 }, makeRecordID: { Fixtures.record(99) },
                                                                     makeDeviceID: { Fixtures.device(2) }))
        let conflicts = KitObserver(ws.observeConflicts())
        defer { conflicts.cancel() }
        #expect(await conflicts.value { $0.isEmpty } != nil)
        let first = try #require(try ws.store.commit(Self.put(1, [("name", .text("Ada"))])))
        _ = try phone.apply([first])
        // Both devices rename her without having seen the other's edit.
        try ws.store.commit(Self.put(1, [("name", .text("Ada Lovelace"))]))
        let theirs = try #require(try phone.commit(Self.put(1, [("name", .text("Ada King"))])))
        _ = try ws.store.apply([theirs])
        let open = await conflicts.value { !$0.isEmpty }
        #expect(open?.map(\.kind) == [.field])
        #expect(open?.first?.record.record == Fixtures.record(1))
    }

    @Test func syncStatusFollowsFolderDevicesAndConflicts() async throws {
        let temp = try TempWorkspace(device: 1)
        let ws = temp.workspace
        let status = KitObserver(ws.observeSyncStatus())
        defer { status.cancel() }
        let before = await status.value { _ in true }
        #expect(before?.folderPath == nil)
        #expect(before?.otherDevices == 0)
        #expect(before?.unacknowledged == 0)

        let folder = temp.directory.appendingPathComponent("folder")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FolderAccess(store: ws.store).remember(path: folder.path)
        #expect(await status.value { $0.folderPath == folder.standardizedFileURL.path } != nil)

        try ws.store.commit(Self.put(1, [("name", .text("Ada"))]))
        let phone = try Store.inMemory(environment: StoreEnvironment(now: { 1_767_603_600_000 }, makeRecordID: { Fixtures.record(99) },
                                                                     makeDeviceID: { Fixtures.device(2) }))
        let theirs = try #require(try phone.commit(Self.put(2, [("name", .text("Grace"))])))
        _ = try ws.store.apply([theirs])
        try ws.store.noteDevice(Fixtures.device(2), name: "phone", seenAt: 1_767_603_700_000, acknowledged: VersionVector([Fixtures.device(2): 1]))
        let after = await status.value { $0.otherDevices == 1 && $0.lastSeen != nil }
        #expect(after?.applied == VersionVector([Fixtures.device(1): 1, Fixtures.device(2): 1]))
        #expect(after?.lastSeen == 1_767_603_700_000)
        #expect(after?.unacknowledged == 1, "the phone has not acknowledged this device's edit")
        #expect(after == (try ws.syncStatus()))
    }

    @Test func anyKitQueryCanBeObserved() async throws {
        let temp = try TempWorkspace()
        let ws = temp.workspace
        let hubs = KitObserver(ws.observe { workspace in
            try workspace.store.records(RecordQuery(entity: "hub")).map(\.displayName)
        })
        defer { hubs.cancel() }
        #expect(await hubs.value { $0.isEmpty } != nil)
        try ws.store.commit(Self.put(10, [("name", .text("Chess club"))], entity: "hub"))
        #expect(await hubs.value { $0 == ["Chess club"] } != nil)
    }

    @Test func aSecondWorkspaceOnTheSameDirectoryIsSeen() async throws {
        let temp = try TempWorkspace()
        let list = KitObserver(temp.workspace.observeContacts())
        defer { list.cancel() }
        #expect(await list.value { $0.isEmpty } != nil)
        let second = try Workspace.open(directory: temp.directory)
        try second.store.commit(Self.put(1, [("name", .text("Ada"))]))
        #expect(await list.value { $0.map(\.displayName) == ["Ada"] } != nil)
    }

    /// The built `touchbase` binary next to the test bundle, if it was built.
    static var binary: URL? {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("touchbase")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    @Test(.enabled(if: binary != nil, "needs the touchbase binary: swift build --product touchbase"))
    func aContactAddedByAnotherProcessIsSeen() async throws {
        let temp = try TempWorkspace()
        let list = KitObserver(temp.workspace.observeContacts())
        defer { list.cancel() }
        #expect(await list.value { $0.isEmpty } != nil)

        let process = Process()
        process.executableURL = Self.binary!
        process.arguments = ["contact", "add", "Grace Hopper", "--home", temp.directory.path]
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "TOUCHBASE_HOME")
        env["NO_COLOR"] = "1"
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        #expect(process.terminationStatus == 0)
        #expect(await list.value { $0.map(\.displayName) == ["Grace Hopper"] } != nil,
                "a contact added by another process reaches the observation")
    }
}
