import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
@testable import TouchbaseSync
import TouchbaseTestSupport

/// GC safety (Protocol/SPEC.md §3.7) on seeded random histories: devices edit, sync, write
/// snapshots and collect garbage, go offline (editing meanwhile) and come back, get retired while
/// away and come back, and a folder-only attacker deletes files. After healing (every device
/// online, a few rounds of syncs) the oracle checks that no device misses a change: every committed
/// edit is applied everywhere, every device shows the same state with nothing waiting, and the
/// folder holds no file a device removed that another still needed.
///
/// Replay one seed: `TOUCHBASE_SEED=<n>`; more seeds: `TOUCHBASE_GC_HISTORIES=<n>`.
@Suite struct GarbageCollectionPropertyTests {
    static var seeds: [UInt64] {
        if let s = ProcessInfo.processInfo.environment["TOUCHBASE_SEED"].flatMap(UInt64.init) { return [s] }
        let n = ProcessInfo.processInfo.environment["TOUCHBASE_GC_HISTORIES"].flatMap(UInt64.init) ?? 4
        return Array(900..<(900 + n))
    }

    @Test("Random histories with snapshots, garbage collection, offline devices, retirements and lost files lose no change")
    func noDeviceEverMissesAChange() throws {
        var stats = GCHistory.Stats()
        for seed in Self.seeds {
            let history = try GCHistory(seed: seed, steps: 60)
            do {
                try history.run()
            } catch {
                Issue.record(Comment(rawValue: "seed \(seed) (replay with TOUCHBASE_SEED=\(seed)): \(error)\n\(history.trace.suffix(120).joined(separator: "\n"))"))
            }
            stats.add(history.stats)
        }
        if Self.seeds.count >= 4 {
            #expect(stats.removed > 0 && stats.offlineGC > 0 && stats.snapshots > 0 && stats.lost > 0, "\(stats)")
        }
        print("gc histories: \(stats)")
    }

    @Test("Longer garbage collection histories", .tags(.slow))
    func longerHistories() throws {
        guard ProcessInfo.processInfo.environment["TOUCHBASE_SEED"] == nil else { return }
        // Three long ones each run (about 10 s each in a debug build); more with TOUCHBASE_LONG_HISTORIES=<n>.
        for seed in UInt64(5000)..<(5000 + LongHistories.count) {
            let history = try GCHistory(seed: seed, steps: 240)
            do { try history.run() } catch {
                Issue.record(Comment(rawValue: "seed \(seed) (steps 240): \(error)\n\(history.trace.suffix(120).joined(separator: "\n"))"))
            }
        }
    }
}

/// One random history.
final class GCHistory {
    struct Peer {
        let name: String
        let store: Store
        let id: DeviceID
        var online = true
    }
    struct Failure: Error, CustomStringConvertible { var description: String }
    struct Stats: CustomStringConvertible {
        var removed = 0, offlineGC = 0, snapshots = 0, lost = 0, retired = 0, cameBack = 0, reseeded = 0
        mutating func add(_ o: Stats) {
            removed += o.removed; offlineGC += o.offlineGC; snapshots += o.snapshots; lost += o.lost
            retired += o.retired; cameBack += o.cameBack; reseeded += o.reseeded
        }
        var description: String {
            "removed \(removed) files (\(offlineGC) while a device was offline), \(snapshots) snapshots, \(lost) files lost, "
                + "\(retired) retired, \(cameBack) came back, \(reseeded) re-seeded"
        }
    }

    /// Whether retired devices come back in the histories (they need re-seeding).
    static let retireAndReturn = GCHistory.reseedAvailable

    let seed: UInt64
    let steps: Int
    let temp: TemporaryDirectory
    let clock = TestClock()
    let random: SharedRandom
    let env: StoreEnvironment
    let folder: SharedFolder
    var rng: SeededGenerator
    var peers: [Peer] = []
    var committed: [Dot] = []
    var trace: [String] = []
    var stats = Stats()

    init(seed: UInt64, steps: Int) throws {
        self.seed = seed
        self.steps = steps
        temp = try TemporaryDirectory("gc-history", memory: true)
        random = SharedRandom(seed: seed)
        env = SyncTestSupport.environment(clock: clock, random: random)
        folder = SharedFolder(path: try temp.directory("folder").path)
        rng = SeededGenerator(seed: seed)
        for n in 0..<Int.random(in: 3...4, using: &rng) {
            let store = try Store.create(at: temp.path("p\(n).sqlite"), deviceName: "p\(n)", environment: env)
            peers.append(Peer(name: "p\(n)", store: store, id: try store.device))
            trace.append("p\(n) is \(try store.device.hex.prefix(8))")
        }
    }

    func sync(_ i: Int) throws {
        clock.advance(milliseconds: 3)
        let r = try SyncEngine(store: peers[i].store, folder: folder).sync()
        if !r.garbage.removed.isEmpty {
            stats.removed += r.garbage.removed.count
            if peers.contains(where: { !$0.online }) { stats.offlineGC += 1 }
            trace.append("  \(peers[i].name) removed \(r.garbage.removed.map { $0.split(separator: "/").suffix(1).joined() })")
        }
        if r.garbage.cameBack { stats.cameBack += 1 }
        if r.garbage.reseededFrom != nil { stats.reseeded += 1 }
    }

    func edit(_ i: Int) throws {
        clock.advance(milliseconds: 2)
        let record = Fixtures.record(UInt64.random(in: 1...12, using: &rng))
        let field = ["name", "notes", "organization"].randomElement(using: &rng)!
        if let c = try peers[i].store.commit(RecordOps.put("contact", record, [(field, .text("\(peers[i].name) \(committed.count)"))])) {
            committed.append(c.dot)
        }
    }

    func snapshot(_ i: Int) throws {
        try GCHistory.writeSnapshot(of: peers[i].store, to: folder)
        stats.snapshots += 1
    }

    func run() throws {
        // Every device joins first (a device that joins after garbage collection bootstraps
        // from a snapshot instead: re-seeding).
        for _ in 0..<2 { for i in peers.indices { try sync(i) } }
        for step in 0..<steps {
            let online = peers.indices.filter { peers[$0].online }
            let offline = peers.indices.filter { !peers[$0].online }
            let roll = Int.random(in: 0..<100, using: &rng)
            switch roll {
            case 0..<30:
                let i = online.randomElement(using: &rng)!
                trace.append("\(step): edit \(peers[i].name)")
                try edit(i)
            case 30..<40 where !offline.isEmpty:
                let i = offline.randomElement(using: &rng)!
                trace.append("\(step): offline edit \(peers[i].name)")
                try edit(i)
            case 40..<65:
                let i = online.randomElement(using: &rng)!
                trace.append("\(step): sync \(peers[i].name)")
                try sync(i)
            case 65..<75:
                let i = online.randomElement(using: &rng)!
                trace.append("\(step): snapshot \(peers[i].name)")
                try sync(i)
                try snapshot(i)
            case 75..<81 where online.count > 2:
                let i = online.randomElement(using: &rng)!
                trace.append("\(step): \(peers[i].name) goes offline")
                peers[i].online = false
            case 81..<87 where !offline.isEmpty:
                let i = offline.randomElement(using: &rng)!
                trace.append("\(step): \(peers[i].name) comes back")
                peers[i].online = true
            case 87..<92 where !offline.isEmpty && GCHistory.retireAndReturn:
                let lost = offline.randomElement(using: &rng)!, by = online.randomElement(using: &rng)!
                trace.append("\(step): \(peers[by].name) retires \(peers[lost].name)")
                if let c = try peers[by].store.commit(DeviceRetirement.retireOps(peers[lost].id)) { committed.append(c.dot) }
                stats.retired += 1
            case 92..<96:
                // A folder-only attacker deletes a file.
                let scan = try folder.scan()
                if let victim = (scan.changeFiles + scan.relayFiles).randomElement(using: &rng) {
                    trace.append("\(step): lose \(victim.relativePath)")
                    try? FileManager.default.removeItem(atPath: folder.path + "/" + victim.relativePath)
                    stats.lost += 1
                }
            default:
                let i = online.randomElement(using: &rng)!
                trace.append("\(step): sync \(peers[i].name)")
                try sync(i)
            }
        }
        // Healing: everyone online, a few rounds.
        trace.append("heal")
        for i in peers.indices { peers[i].online = true }
        for _ in 0..<5 { for i in peers.indices { try sync(i) } }
        try check()
    }

    func check() throws {
        // Every committed edit, plus what syncs commit themselves (a device clearing its retirement).
        let expected = try peers[0].store.version()
        let first = try SyncTestSupport.observable(peers[0].store)
        for p in peers {
            let version = try p.store.version()
            for dot in committed where !version.contains(dot) {
                throw Failure(description: "\(p.name) misses \(dot.device.hex.prefix(8)) #\(dot.seq) (has \(version))")
            }
            guard version == expected else { throw Failure(description: "\(p.name) has \(version), expected \(expected)") }
            let r = try SyncEngine(store: p.store, folder: folder).sync()
            guard r.waiting.isEmpty else { throw Failure(description: "\(p.name) still waits: \(r.waiting)") }
            guard try SyncTestSupport.observable(p.store) == first else { throw Failure(description: "\(p.name) shows another state") }
        }
    }

    /// Writes a snapshot of `store`'s whole state (the sync engine's writer).
    static func writeSnapshot(of store: Store, to folder: SharedFolder) throws {
        _ = try SyncEngine(store: store, folder: folder).writeSnapshot()
    }

    /// Whether a device that lacks Changes no file holds can re-seed from a snapshot.
    static let reseedAvailable = true
}
