import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// A temporary directory, removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    /// - parameter memory: put it on `/dev/shm` when there is one (a RAM file system: no fsync cost),
    ///   for tests that do thousands of small durable writes and test logic, not durability.
    init(_ label: String, memory: Bool = false) throws {
        var base = FileManager.default.temporaryDirectory
        var isDir: ObjCBool = false
        if memory, FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isDir), isDir.boolValue,
           FileManager.default.isWritableFile(atPath: "/dev/shm") {
            base = URL(fileURLWithPath: "/dev/shm")
        }
        url = base.appendingPathComponent("tb-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A subdirectory, created.
    func directory(_ name: String) throws -> URL {
        let u = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A seeded generator shared by the Store environments of one test (ids are drawn from it).
final class SharedRandom: @unchecked Sendable {
    private let lock = NSLock()
    private var generator: SeededGenerator

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    func recordID() -> RecordID { lock.withLock { RecordID.random(using: &generator) } }
    func deviceID() -> DeviceID { lock.withLock { DeviceID.random(using: &generator) } }
}

enum SyncTestSupport {
    /// A Store environment reading `clock` (shifted by `skew` milliseconds) and drawing ids from `random`.
    static func environment(clock: TestClock, skew: Int64 = 0, random: SharedRandom) -> StoreEnvironment {
        StoreEnvironment(now: { UInt64(Int64(clock.now) + skew) },
                         makeRecordID: { random.recordID() },
                         makeDeviceID: { random.deviceID() })
    }

    /// Everything a user can observe of a Store, in a canonical order: every record of every entity
    /// (hidden ones included) with its registers, and the open conflicts.
    struct Observable: Equatable, CustomStringConvertible {
        var records: [Record]
        var registers: [RecordKey: [String: Register]]
        var conflicts: [Conflict]

        var description: String {
            var lines: [String] = []
            for r in records {
                let fields = r.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                lines.append("\(r.entity) \(r.id.hex.suffix(6)) deleted=\(r.deleted) survivor=\(r.survivor?.hex.prefix(8) ?? "-") \(fields)")
            }
            for c in conflicts {
                lines.append("conflict \(c.kind.rawValue) \(c.record.entity) \(c.record.record.hex.suffix(6)) \(c.field) "
                             + c.values.map { "\($0.value)" }.joined(separator: "|"))
            }
            return lines.joined(separator: "\n")
        }
    }

    static func observable(_ store: Store) throws -> Observable {
        var records: [Record] = []
        var registers: [RecordKey: [String: Register]] = [:]
        for entity in Schema.all {
            var q = RecordQuery(entity: entity.name)
            q.includeHidden = true
            let rows = try store.records(q).sorted { $0.id < $1.id }
            for r in rows {
                let key = RecordKey(entity: entity.name, record: r.id)
                registers[key] = try store.registers(of: key)
            }
            records += rows
        }
        return Observable(records: records, registers: registers, conflicts: try store.conflicts())
    }

    /// Every Change a Store has applied, by device, checking that each device's are `1...n` once each.
    static func changeLog(_ store: Store, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Change] {
        let version = try store.version()
        var all: [Change] = []
        for (device, last) in version.sorted {
            let changes = try store.changes(of: device, after: 0)
            #expect(changes.map(\.seq) == Array(1...last),
                    "device \(device.hex.prefix(8)): log holds seqs \(changes.map(\.seq).prefix(20))… for version \(last)",
                    sourceLocation: sourceLocation)
            all += changes
        }
        return all
    }

    /// Checks a Store against a Core Replica fed `changes`: the same registers, deleted status,
    /// survivors and conflicts.
    static func expectMatchesReplica(_ store: Store, changes: [Change], context: String,
                                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        var replica = Replica(device: DeviceID(ID128(high: 0xFFFF, low: 0xFFFF)))
        let applied = replica.receive(changes)
        #expect(applied.count == Set(changes.map(\.dot)).count, "\(context): the replica left changes waiting", sourceLocation: sourceLocation)
        #expect(replica.version == (try store.version()), "\(context): version vectors differ", sourceLocation: sourceLocation)
        let state = replica.state
        for (key, expected) in state.records {
            let registers = try store.registers(of: key)
            #expect(registers == expected.fields, "\(context): registers of \(key.entity) \(key.record.hex.prefix(8)) differ",
                    sourceLocation: sourceLocation)
            guard Schema.entity(key.entity) != nil else { continue }
            let record = try store.record(key.entity, id: key.record)
            #expect(record?.deleted == expected.status.deleted,
                    "\(context): deleted status of \(key.entity) \(key.record.hex.prefix(8)) differs", sourceLocation: sourceLocation)
            if Schema.entity(key.entity)?.type(of: Merger.mergedIntoField) != nil {
                #expect((record?.survivor ?? key.record) == expected.survivor,
                        "\(context): survivor of \(key.entity) \(key.record.hex.prefix(8)) differs", sourceLocation: sourceLocation)
            }
        }
        let storeConflicts = try store.conflicts()
        let replicaConflicts = state.conflicts
        #expect(storeConflicts == replicaConflicts, "\(context): conflicts differ from the Core replica's", sourceLocation: sourceLocation)
    }

    /// The bytes of every regular file under `root` whose path does not start with a dot component,
    /// by path relative to `root`.
    static func files(under root: URL) -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        guard let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return out }
        let base = root.standardizedFileURL.path
        for case let url as URL in e {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            var rel = url.standardizedFileURL.path
            if rel.hasPrefix(base + "/") { rel.removeFirst(base.count + 1) }
            if let data = FileManager.default.contents(atPath: url.path) { out[rel] = [UInt8](data) }
        }
        return out
    }

    /// Writes `bytes` at `relative` under `root`, creating directories (a replicator delivering a file).
    static func place(_ bytes: [UInt8], at relative: String, under root: URL) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }
}
