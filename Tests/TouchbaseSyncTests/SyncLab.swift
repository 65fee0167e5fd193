import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// A shared folder and a few Stores in one temporary directory, for the tests of the sync
/// engine's bookkeeping: real SQLite, real files.
final class SyncLab {
    let temp: TemporaryDirectory
    let clock = TestClock()
    let random: SharedRandom
    let env: StoreEnvironment
    let folder: SharedFolder

    init(_ label: String, seed: UInt64 = 1) throws {
        temp = try TemporaryDirectory(label, memory: true)
        random = SharedRandom(seed: seed)
        env = SyncTestSupport.environment(clock: clock, random: random)
        folder = SharedFolder(path: try temp.directory("folder").path)
    }

    /// A new database.
    func store(_ name: String) throws -> Store {
        try Store.create(at: temp.path(name + ".sqlite"), deviceName: name, environment: env)
    }

    /// A byte-for-byte copy of `store`'s database, opened (same device id).
    func copy(_ store: Store, as name: String) throws -> Store {
        let path = temp.path(name + ".sqlite")
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: store.path + suffix) {
            try FileManager.default.copyItem(atPath: store.path + suffix, toPath: path + suffix)
        }
        // A copied database comes with its device's signing key, as copying a home does.
        let key = DeviceKeyFile.path(nextTo: store.path)
        if FileManager.default.fileExists(atPath: key) { try FileManager.default.copyItem(atPath: key, toPath: DeviceKeyFile.path(nextTo: path)) }
        return try Store.open(at: path, environment: env)
    }

    @discardableResult
    func sync(_ store: Store, folder other: SharedFolder? = nil) throws -> SyncReport {
        clock.advance(milliseconds: 1)
        return try SyncEngine(store: store, folder: other ?? folder).sync()
    }

    /// Syncs every store, `rounds` times round.
    func syncAll(_ stores: [Store], rounds: Int = 2) throws {
        for _ in 0..<rounds { for s in stores { try sync(s) } }
    }

    func put(_ store: Store, _ record: UInt64, _ fields: [(String, Value?)]) throws {
        clock.advance(milliseconds: 1)
        try store.commit(RecordOps.put("contact", Fixtures.record(record), fields))
    }

    /// The absolute path of a folder-relative path.
    func path(_ relative: String) -> String { folder.path + "/" + relative }

    /// The names in `changes/<device>/`, sorted.
    func changeFileNames(_ device: DeviceID) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path("changes/" + device.hex))) ?? []).sorted()
    }

    /// The visible contacts' names.
    func names(_ store: Store) throws -> Set<String> {
        Set(try store.records(RecordQuery(entity: "contact")).compactMap { $0.text("name") })
    }

    /// Flips one byte in the middle of a file.
    func flipByte(_ relative: String) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(relative))))
        bytes[bytes.count / 2] ^= 0x40
        try Data(bytes).write(to: URL(fileURLWithPath: path(relative)))
    }

    /// Every store observes the same, and none has Changes waiting.
    func expectConverged(_ stores: [Store], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let first = try SyncTestSupport.observable(stores[0])
        for s in stores.dropFirst() {
            #expect(try SyncTestSupport.observable(s) == first, sourceLocation: sourceLocation)
            #expect(try s.version() == stores[0].version(), sourceLocation: sourceLocation)
        }
        for s in stores {
            let r = try sync(s)
            #expect(r.waiting.isEmpty && r.heldByClash.isEmpty && r.identityClash == nil, "\(r.waiting)", sourceLocation: sourceLocation)
            #expect(r.forks.isEmpty && r.heldByFork.isEmpty, "\(r.forks)", sourceLocation: sourceLocation)
            _ = try SyncTestSupport.changeLog(s, sourceLocation: sourceLocation)
        }
    }
}
