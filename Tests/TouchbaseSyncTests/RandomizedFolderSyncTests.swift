import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// Random histories on several devices, each syncing with its OWN copy of the shared folder, while a
/// simulated replicator (Syncthing, Dropbox, …) moves files between the copies and misbehaves:
/// withholds files and releases them later, delivers them twice, under a conflict-copy name,
/// truncated, with a flipped byte, empty, or merged with the next file into one overlapping range.
/// At the end everything is delivered intact and every device must hold the same state, the same
/// conflicts, every Change exactly once, and agree with a Core `Replica` fed all the Changes.
///
/// Replay a failure with `TOUCHBASE_SEED=<seed> swift test --filter RandomizedFolderSync`;
/// `TOUCHBASE_SIM_STEPS=<n>` runs longer histories (default 140 steps).
@Suite struct RandomizedFolderSyncTests {
    @Test func randomHistoriesConvergeThroughAFaultyReplicator() throws {
        let seeds: [UInt64]
        if let s = ProcessInfo.processInfo.environment["TOUCHBASE_SEED"], let v = UInt64(s) {
            seeds = [v]
        } else {
            seeds = [11, 23, 37, 41, 53, 67]
        }
        for seed in seeds {
            do {
                let steps = ProcessInfo.processInfo.environment["TOUCHBASE_SIM_STEPS"].flatMap { Int($0) } ?? 140
                try FaultySimulation(seed: seed, steps: steps).run()
            } catch {
                Issue.record("seed \(seed) (replay with TOUCHBASE_SEED=\(seed)): \(error)")
            }
        }
    }
}

/// One randomized run.
final class FaultySimulation {
    struct Device {
        let store: Store
        let folder: URL
        var engine: SyncEngine
        let id: DeviceID
        let clock: TestClock
        /// Changes imported by each sync, summed by origin device.
        var imported: [DeviceID: Int] = [:]
        /// Files the replicator put in this device's folder, at their current bytes.
        var placed: [String: [UInt8]] = [:]
        /// Files delivered intact.
        var intact: [String: [UInt8]] = [:]
        /// Real change-file names currently holding a damaged copy.
        var damaged: [String: ChangeFileEntry] = [:]
        /// Conflict-copy names placed.
        var conflictCopies: Set<String> = []
    }

    let seed: UInt64
    let context: String
    let temp: TemporaryDirectory
    var rng: SeededGenerator
    var devices: [Device] = []
    /// Every file a device published (latest bytes for acks and cards), by relative path.
    var registry: [String: [UInt8]] = [:]
    var owner: [String: DeviceID] = [:]
    let pool = (1...4).map { Fixtures.record($0) }
    var trace: [String] = []
    let steps: Int

    init(seed: UInt64, deviceCount: Int? = nil, steps: Int = 140) throws {
        self.seed = seed
        self.context = "seed \(seed) (replay with TOUCHBASE_SEED=\(seed))"
        self.steps = steps
        temp = try TemporaryDirectory("faulty-\(seed)", memory: true)
        rng = SeededGenerator(seed: seed)
        let random = SharedRandom(seed: seed &* 0x9E37_79B9)
        let count = deviceCount ?? Int.random(in: 3...4, using: &rng)
        for i in 0..<count {
            let clock = TestClock()
            // One device may be days off; the others minutes.
            let skew: Int64 = i == 1 ? Int64.random(in: -3...3, using: &rng) * 86_400_000 : Int64.random(in: -300_000...300_000, using: &rng)
            let env = SyncTestSupport.environment(clock: clock, skew: skew, random: random)
            let store = try Store.create(at: temp.path("d\(i).sqlite"), deviceName: "d\(i)", environment: env)
            let folder = try temp.directory("folder\(i)")
            var engine = SyncEngine(store: store, folder: SharedFolder(path: folder.path))
            engine.batchSize = Int.random(in: 1...6, using: &rng)
            devices.append(Device(store: store, folder: folder, engine: engine, id: try store.device, clock: clock))
        }
    }

    func fail(_ message: String) -> Error {
        SimulationFailure(message: "\(context): \(message)\nlast steps:\n" + trace.suffix(30).joined(separator: "\n"))
    }

    struct SimulationFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    // MARK: - Run

    func run() throws {
        for _ in 0..<steps {
            let d = Int.random(in: 0..<devices.count, using: &rng)
            switch Int.random(in: 0..<100, using: &rng) {
            case 0..<40: try edit(d)
            case 40..<70: try sync(d)
            default: try deliver(to: d, allIntact: false)
            }
        }
        // Publish everything, deliver everything intact, import everything.
        for d in devices.indices { try sync(d) }
        for d in devices.indices { try deliver(to: d, allIntact: true) }
        for d in devices.indices { try sync(d) }
        // Acks and cards written by that round; one more round must find nothing to do.
        for d in devices.indices { try deliver(to: d, allIntact: true) }
        for d in devices.indices {
            let report = try sync(d)
            #expect(report.importedTotal == 0 && report.published == 0 && report.waiting.isEmpty && report.damaged.isEmpty,
                    "\(context): device \(d) still had work after full delivery: imported \(report.importedTotal), published \(report.published), waiting \(report.waiting.count)")
        }
        try checkConvergence()
        if ProcessInfo.processInfo.environment["TOUCHBASE_SIM_STATS"] != nil {
            let c = try devices[0].store.conflicts()
            print("seed \(seed): \(devices.count) devices, \(try devices[0].store.version()), conflicts \(c.map(\.kind.rawValue)), "
                  + "damaged reports \(stats["damaged", default: 0]), waiting syncs \(stats["waiting", default: 0]), duplicates \(stats["duplicates", default: 0])")
        }
    }
    var stats: [String: Int] = [:]

    // MARK: - Edits

    func randomValue(_ choices: [String]) -> Value { .text(choices.randomElement(using: &rng)!) }

    func randomOps() -> [Op] {
        let r = pool.randomElement(using: &rng)!
        switch Int.random(in: 0..<100, using: &rng) {
        case 0..<15: return RecordOps.put("contact", r, [("name", randomValue(["Ada", "Grace", "Linus"]))])
        case 15..<30: return RecordOps.put("contact", r, [("notes", randomValue(["met at PyCon", "intro via Sam", "call back"]))])
        case 30..<40: return RecordOps.put("contact", r, [("stage", randomValue(["want", "docket", "pending"]))])
        case 40..<48: return RecordOps.put("contact", r, [("name", randomValue(["Ada", "Grace"])), ("organization", randomValue(["Acme", "Initech"]))])
        case 48..<60: return RecordOps.delete("contact", r)
        case 60..<70: return RecordOps.restore("contact", r)
        case 70..<80:
            let into = pool.filter { $0 != r }.randomElement(using: &rng)!
            return RecordOps.merge("contact", from: r, into: into)
        case 80..<85: return RecordOps.unmerge("contact", r)
        case 85..<94: return RecordOps.tag(r, ["mentors", "Alumni "].randomElement(using: &rng)!)
        default: return RecordOps.untag(r, ["mentors", "alumni"].randomElement(using: &rng)!)
        }
    }

    func edit(_ d: Int) throws {
        let device = devices[d]
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            device.clock.advance(milliseconds: Int64.random(in: 0...4000, using: &rng))
            var ops: [Op] = []
            for _ in 0..<Int.random(in: 1...2, using: &rng) { ops += randomOps() }
            let change = try device.store.commit(ops)
            trace.append("d\(d) commit #\(change?.seq ?? 0): " + ops.map { "\($0.record.raw.low)/\($0.entity).\($0.field)=\($0.value)" }.joined(separator: ", "))
        }
    }

    // MARK: - Sync

    @discardableResult
    func sync(_ d: Int) throws -> SyncReport {
        let before = try devices[d].store.version()
        let report: SyncReport
        do {
            report = try devices[d].engine.sync()
        } catch {
            throw fail("device \(d) sync threw \(error)")
        }
        trace.append("d\(d) sync: imported \(report.importedTotal), published \(report.published), waiting \(report.waiting.count), damaged \(report.damaged.count), ignored \(report.ignored.count)")
        if report.identityClash != nil { throw fail("device \(d) reported an identity clash") }
        stats["damaged", default: 0] += report.damaged.count
        stats["waiting", default: 0] += report.waiting.isEmpty ? 0 : 1
        stats["duplicates", default: 0] += report.duplicates
        for (origin, n) in report.imported { devices[d].imported[origin, default: 0] += n }

        // A reader never deletes or alters another device's file, damaged or not.
        let present = SyncTestSupport.files(under: devices[d].folder)
        for (path, bytes) in devices[d].placed where present[path] != bytes {
            throw fail("device \(d) sync deleted or altered \(path)")
        }
        // Damaged files it needed are reported; intact ones never are. "Needed": the file holds its
        // device's next Change and nothing read of that device waits at a gate (files behind a
        // waiting Change or a gap are not read at all, so their damage shows once they are next).
        let damagedPaths = Set(report.damaged.map(\.path)).union(report.newerFormat)
        let after = try devices[d].store.version()
        let waitingDevices = Set(report.waiting.keys.map(\.device))
        for (path, entry) in devices[d].damaged where entry.last > before[entry.device] && entry.first <= after[entry.device] + 1
            && entry.last > after[entry.device] && !waitingDevices.contains(entry.device) && !damagedPaths.contains(path) {
            throw fail("device \(d) sync did not report the damaged \(path)")
        }
        for path in damagedPaths where devices[d].damaged[path] == nil {
            throw fail("device \(d) sync reported the intact \(path) as damaged")
        }
        let ignored = Set(report.ignored.map(\.relativePath))
        for path in devices[d].conflictCopies where !ignored.contains(path) {
            throw fail("device \(d) sync did not list the conflict copy \(path) as ignored")
        }
        try collect(d)
        return report
    }

    /// Takes the files device `d` wrote into its folder into the registry (the replicator's view).
    func collect(_ d: Int) throws {
        let me = devices[d].id.hex
        for (path, bytes) in SyncTestSupport.files(under: devices[d].folder) {
            let parts = path.split(separator: "/").map(String.init)
            if parts.contains(where: { $0.hasPrefix(".") }) { throw fail("device \(d) left a temporary \(path)") }
            let own = (parts.count == 3 && parts[0] == "changes" && parts[1] == me)
                || path == "acks/\(me).tba" || path == "devices/\(me).tbd"
            guard own else { continue }
            if parts[0] == "changes", let old = registry[path], old != bytes {
                throw fail("device \(d) rewrote its published \(path)")
            }
            registry[path] = bytes
            owner[path] = devices[d].id
        }
    }

    // MARK: - The replicator

    static func changeEntry(_ path: String) -> ChangeFileEntry? {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count == 3, parts[0] == "changes", let device = DeviceID(hex: parts[1]), parts[2].hasSuffix(".tbc") else { return nil }
        let range = parts[2].dropLast(4).split(separator: "-")
        guard range.count == 2, let first = UInt64(range[0]), let last = UInt64(range[1]) else { return nil }
        return ChangeFileEntry(device: device, first: first, last: last)
    }

    func put(_ bytes: [UInt8], at path: String, on d: Int) throws {
        try SyncTestSupport.place(bytes, at: path, under: devices[d].folder)
        devices[d].placed[path] = bytes
    }

    func deliver(to d: Int, allIntact: Bool) throws {
        let me = devices[d].id
        for (path, bytes) in registry.sorted(by: { $0.key < $1.key }) where owner[path] != me {
            if devices[d].intact[path] == bytes {
                // Delivered twice: the replicator copies it again.
                if !allIntact && Int.random(in: 0..<100, using: &rng) < 5 {
                    try put(bytes, at: path, on: d)
                    trace.append("d\(d) <- again \(path)")
                }
                continue
            }
            let roll = allIntact ? 0 : Int.random(in: 0..<100, using: &rng)
            guard let entry = Self.changeEntry(path) else {
                // Acks and device cards: rewritten by their owner, delivered late or torn.
                if roll < 60 {
                    try put(bytes, at: path, on: d)
                    devices[d].intact[path] = bytes
                } else if roll < 70 {
                    try put(Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng))), at: path, on: d)
                    devices[d].intact[path] = nil
                }
                continue
            }
            func damage(_ damaged: [UInt8], _ what: String) throws {
                try put(damaged, at: path, on: d)
                devices[d].damaged[path] = entry
                trace.append("d\(d) <- \(what) \(path)")
            }
            switch roll {
            case 0..<35:
                try put(bytes, at: path, on: d)
                devices[d].intact[path] = bytes
                devices[d].damaged[path] = nil
                trace.append("d\(d) <- \(path)")
            case 35..<58:
                trace.append("d\(d) withheld \(path)")
            case 58..<65:
                let copy = path.replacingOccurrences(of: ".tbc", with: ".sync-conflict-20240101-120000-ABC\(Int.random(in: 1...9, using: &rng)).tbc")
                try put(bytes, at: copy, on: d)
                devices[d].conflictCopies.insert(copy)
                trace.append("d\(d) <- conflict copy \(copy)")
            case 65..<72:
                try damage(Array(bytes.prefix(Int.random(in: 1..<bytes.count, using: &rng))), "truncated")
            case 72..<79:
                var flipped = bytes
                let i = Int.random(in: 0..<flipped.count, using: &rng)
                flipped[i] ^= UInt8(1) << UInt8.random(in: 0...7, using: &rng)
                try damage(flipped, "bit flip at \(i) of")
            case 79..<84:
                try damage([], "zero length")
            case 84..<92:
                // The owner re-published a longer range after a crash: one file overlapping two.
                guard let next = registry.keys.compactMap(Self.changeEntry).first(where: { $0.device == entry.device && $0.first == entry.last + 1 }),
                      let nextBytes = registry[next.relativePath] else { continue }
                let changes = try SharedFolder.decodeForTest(bytes, entry) + SharedFolder.decodeForTest(nextBytes, next)
                guard let author = devices.first(where: { $0.id == entry.device }) else { continue }
                let merged = ExchangeFile.seal(kind: .changes, device: entry.device, first: entry.first, last: next.last,
                                               payload: ChangeCodec.encode(changes), key: nil,
                                               signer: try DeviceKeyFile.loadOrCreate(for: author.store))
                let union = ChangeFileEntry(device: entry.device, first: entry.first, last: next.last).relativePath
                if registry[union] == nil && devices[d].placed[union] == nil {
                    try put(merged, at: union, on: d)
                    trace.append("d\(d) <- overlapping \(union)")
                }
            default:
                try put(bytes, at: path, on: d)
                try put(bytes, at: path, on: d)
                devices[d].intact[path] = bytes
                devices[d].damaged[path] = nil
                trace.append("d\(d) <- twice \(path)")
            }
        }
    }

    // MARK: - The end

    func checkConvergence() throws {
        let reference = devices[0]
        let version = try reference.store.version()
        let expectedState = try SyncTestSupport.observable(reference.store)
        var all: [Change] = []
        for device in devices {
            all += try device.store.changes(of: device.id, after: 0)
            #expect(version[device.id] == (try device.store.version()[device.id]), "\(context): device \(device.id.hex.prefix(8)) changes missing on d0")
        }
        for (i, device) in devices.enumerated() {
            let v = try device.store.version()
            #expect(v == version, "\(context): d\(i) version \(v) differs from d0 \(version)")
            let log = try SyncTestSupport.changeLog(device.store)
            #expect(log.count == Int(version.entries.values.reduce(0, +)), "\(context): d\(i) log holds \(log.count) Changes")
            for (origin, seq) in version.sorted where origin != device.id {
                #expect(device.imported[origin, default: 0] == Int(seq),
                        "\(context): d\(i) imported \(device.imported[origin, default: 0]) Changes of \(origin.hex.prefix(8)), expected \(seq) (each exactly once)")
            }
            let state = try SyncTestSupport.observable(device.store)
            #expect(state == expectedState, "\(context): d\(i) state differs from d0:\n\(state)\n--- d0:\n\(expectedState)")
            try SyncTestSupport.expectMatchesReplica(device.store, changes: all, context: "\(context) d\(i)")
        }
    }
}

extension SharedFolder {
    /// Decodes a changes file's bytes (for the test replicator).
    static func decodeForTest(_ bytes: [UInt8], _ entry: ChangeFileEntry) throws -> [Change] {
        let file = try ExchangeFile.open(bytes, key: nil)
        let changes = try ChangeBatch.decode(file.payload, header: file.header)
        guard changes.first?.seq == entry.first, changes.last?.seq == entry.last else { throw ExchangeError(.nameMismatch, "test decode") }
        return changes
    }
}
