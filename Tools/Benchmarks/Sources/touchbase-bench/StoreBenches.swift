import Foundation
import GRDB
import TouchbaseCore
import TouchbaseStore

/// Changes as another device publishes them: one device creating and updating contacts (about ten
/// puts per Change), and a second device that synced part-way and then edited some of the same
/// contacts concurrently with the first device's last Changes. Generated through Core `Replica`s,
/// so clocks, deps and sequence numbers are exactly what devices produce.
struct RemoteWorkload {
    var changes: [Change]
    var fromA: Int
    var fromB: Int
    var updates: Int

    static func make(changesFromA: Int, concurrentFromB: Int, seed: UInt64) -> RemoteWorkload {
        var fake = Fake(seed: seed)
        var a = Replica(device: fake.deviceID())
        var b = Replica(device: fake.deviceID())
        var wall: UInt64 = 1_767_225_600_000 // 2026-01-01
        var ids: [RecordID] = []
        var fromA: [Change] = [], fromB: [Change] = []
        let split = max(0, changesFromA - concurrentFromB)
        var contested: [RecordID] = []
        func makeConcurrentEdits() {
            b.receive(fromA)
            var bWall = wall
            for _ in 0..<concurrentFromB {
                let id = ids[fake.int(0..<ids.count)]
                contested.append(id)
                bWall += UInt64(fake.int(5_000..<60_000))
                fromB.append(b.commit(fake.smallContactEdit(id), wallMilliseconds: bWall))
            }
        }
        for i in 0..<changesFromA {
            if i == split && concurrentFromB > 0 && !ids.isEmpty { makeConcurrentEdits() }
            wall += UInt64(fake.int(5_000..<60_000))
            let ops: [Op]
            if ids.count < 100 || fake.int(0..<10) < 6 {
                let id = fake.recordID()
                ids.append(id)
                ops = fake.newContact(id)
            } else if !contested.isEmpty && fake.chance(0.2) {
                ops = fake.contactUpdate(contested[fake.int(0..<contested.count)])
            } else {
                ops = fake.contactUpdate(ids[fake.int(0..<ids.count)])
            }
            fromA.append(a.commit(ops, wallMilliseconds: wall))
        }
        let all = fromA + fromB
        return RemoteWorkload(changes: all, fromA: fromA.count, fromB: fromB.count, updates: all.reduce(0) { $0 + $1.ops.count })
    }
}

/// New contacts as one local edit (an import, a paste of many rows).
func batchOps(contacts: Int, seed: UInt64) -> [Op] {
    var fake = Fake(seed: seed)
    var ops: [Op] = []
    for _ in 0..<contacts { ops += fake.newContact(fake.recordID()) }
    return ops
}

/// Runs `body` with a Store on a fresh temporary file and removes it after (the Store is closed
/// before the files go).
func withFreshStore<T>(_ label: String, _ body: (Store) throws -> T) throws -> T {
    let dir = try TemporaryDirectory(label)
    defer { dir.remove() }
    // The Store (and its connection) is released when this returns, before `defer` removes the files.
    return try body(try Store.create(at: dir.file("touchbase.sqlite"), deviceName: "bench"))
}

func withRawTable<T>(_ body: (RawContactTable) throws -> T) throws -> T {
    let dir = try TemporaryDirectory("raw")
    defer { dir.remove() }
    let table = try RawContactTable(path: dir.file("raw.sqlite"))
    return try body(table)
}

enum StoreBenches {
    // MARK: 1. Remote apply

    static func remoteApply(_ config: BenchConfig) throws -> ResultLine {
        log("remote apply: generating \(config.remoteChanges) + \(config.remoteConcurrent) Changes through Core Replicas…")
        let work = RemoteWorkload.make(changesFromA: config.remoteChanges, concurrentFromB: config.remoteConcurrent, seed: 1)
        let raw = RawContactTable.puts(of: work.changes)
        log("remote apply: \(work.changes.count) Changes, \(work.updates) field updates; timing Store.apply vs raw upserts…")
        var conflicts = 0
        let (base, subject) = try measurePair(warmup: config.warmup, repetitions: config.repetitions, baseline: {
            try withRawTable { table in try time { try table.upsertAll(raw) } }
        }, subject: {
            try withFreshStore("apply") { store in
                var report = ApplyReport()
                let t = try time { report = try store.apply(work.changes) }
                guard report.applied.count == work.changes.count else {
                    throw BenchError("Store.apply applied \(report.applied.count) of \(work.changes.count) Changes")
                }
                conflicts = try store.conflicts().count
                return t
            }
        })
        let n = Double(work.updates)
        let rate = n / subject.median
        let baseRate = Double(raw.count) / base.median
        return ResultLine(
            key: "remote-apply", title: "1. remote apply (Store.apply)", unit: "updates/s",
            median: rate, best: n / subject.min,
            baselineTitle: "raw upserts/s", baselineMedian: Double(raw.count) / base.median,
            ratio: rate > 0 ? (Double(raw.count) / base.median) / rate : .nan,
            target: "≥ 0.8× raw", met: rate >= 0.8 * baseRate, repetitions: subject.count,
            note: "\(work.fromA) Changes from device A (60% new contacts, 10 puts each; updates of 10 puts) and \(work.fromB) concurrent "
                + "5-put edits from device B (\(conflicts) open conflicts after), one Store.apply call = one transaction, "
                + "fresh Store on a temp file each time; raw = \(raw.count) single-column upserts, one transaction.",
            targets: [.ratio("remote-apply", rate / baseRate, atLeast: 0.8)])
    }

    // MARK: 2. Local batched edits

    static func localBatch(_ config: BenchConfig) throws -> ResultLine {
        let ops = batchOps(contacts: config.batchOps / 10, seed: 2)
        let raw = RawContactTable.puts(of: ops)
        log("local batch: one Store.commit of \(ops.count) puts vs raw upserts…")
        let (base, subject) = try measurePair(warmup: config.warmup, repetitions: config.repetitions, baseline: {
            try withRawTable { table in try time { try table.upsertAll(raw) } }
        }, subject: {
            try withFreshStore("commit") { store in try time { try store.commit(ops) } }
        })
        let n = Double(ops.count)
        let rate = n / subject.median
        let baseRate = Double(raw.count) / base.median
        return ResultLine(
            key: "local-batch", title: "2. local batched edit (Store.commit)", unit: "updates/s",
            median: rate, best: n / subject.min,
            baselineTitle: "raw upserts/s", baselineMedian: baseRate, ratio: baseRate / rate,
            target: "≥ 0.5× raw", met: rate >= 0.5 * baseRate, repetitions: subject.count,
            note: "one commit of \(ops.count) puts (\(ops.count / 10) new contacts × 10 fields) into a fresh Store.",
            targets: [.ratio("local-batch", rate / baseRate, atLeast: 0.5)])
    }

    // MARK: 3. Single edit

    static func singleEdit(_ config: BenchConfig) throws -> [ResultLine] {
        let preload = batchOps(contacts: 1_000, seed: 3)
        let ids = Array(Set(preload.map(\.record))).sorted()
        var fake = Fake(seed: 33)
        let edits: [Op] = (0..<(config.singleEdits + config.singleWarmup)).map { i in
            let id = ids[i % ids.count]
            return fake.chance(0.5) ? Op(entity: "contact", record: id, field: "notes", value: .text(fake.pick(Fake.notes)))
                : Op(entity: "contact", record: id, field: "stage", value: .text(fake.stage()))
        }
        let rawEdits = edits.map { RawContactTable.puts(of: [$0])[0] }
        log("single edit: \(config.singleEdits) one-put commits, each its own transaction, vs raw one-row upserts…")
        let dir = try TemporaryDirectory("single")
        defer { dir.remove() }
        var b: [Double] = [], s: [Double] = [], f: [Double] = []
        // Diagnostic only: the CPU time of each Store edit and each durable raw commit (what the
        // wait for the fsync leaves out), for the note.
        var cpuStore: [Double] = [], cpuFull: [Double] = []
        var storeSync = "?", rawSync = "?", fullSync = "?"
        do {
            let store = try Store.create(at: dir.file("touchbase.sqlite"), deviceName: "bench")
            try store.commit(preload)
            storeSync = try store.read { db in try synchronousName(db) }
            let table = try RawContactTable(path: dir.file("raw.sqlite"))
            try table.upsertAll(RawContactTable.puts(of: preload))
            rawSync = try table.synchronous
            let full = try RawContactTable(path: dir.file("full.sqlite"), reallyFull: true)
            try full.upsertAll(RawContactTable.puts(of: preload))
            fullSync = try full.synchronous
            for i in 0..<edits.count {
                // Rotate which goes first, as in `measurePair`.
                var tb = 0.0, ts = 0.0, tf = 0.0, cs = 0.0, cf = 0.0
                let order = [0, 1, 2].map { ($0 + i) % 3 }
                for o in order {
                    switch o {
                    case 0: tb = try time { try table.upsertOne(rawEdits[i]) }
                    case 1:
                        let cpu = processCPUSeconds()
                        ts = try time { try store.commit([edits[i]]) }
                        cs = processCPUSeconds() - cpu
                    default:
                        let cpu = processCPUSeconds()
                        tf = try time { try full.upsertOne(rawEdits[i]) }
                        cf = processCPUSeconds() - cpu
                    }
                }
                if i >= config.singleWarmup {
                    b.append(tb)
                    s.append(ts)
                    f.append(tf)
                    cpuStore.append(cs)
                    cpuFull.append(cf)
                }
            }
        }
        let base = Stats(b), subject = Stats(s), durable = Stats(f)
        let ratio = subject.median / base.median
        // The target compares durable commits: the Store's (FULL) with a raw upsert at FULL.
        let durableRatio = subject.median / durable.median
        // What the Store's commit would cost at a real FULL: its overhead over the raw upsert, plus a durable commit.
        let projected = (durable.median + subject.median - base.median) / durable.median
        return [ResultLine(
            key: "single-edit", title: "3. single edit (Store.commit, 1 put)", unit: "ms",
            median: subject.median * 1000, best: subject.min * 1000,
            baselineTitle: "ms raw 1-row upsert txn", baselineMedian: base.median * 1000, ratio: ratio,
            target: "≤ 1.5× raw at FULL (3b)", met: durableRatio <= 1.5, repetitions: subject.count,
            note: "one put on one of 1,000 existing contacts per transaction; the raw table has the Store's exact GRDB "
                + "configuration. Effective PRAGMA synchronous: Store \(storeSync), raw \(rawSync) (GRDB's WAL set-up "
                + "would replace FULL with NORMAL; the Store sets FULL again after opening). The target: \(format(durableRatio))× line 3b.",
            targets: [.ratio("single-edit", durableRatio, atMost: 1.5)]),
                ResultLine(
            key: "single-edit-full", title: "3b. raw 1-row upsert txn, FULL re-applied", unit: "ms",
            median: durable.median * 1000, best: durable.min * 1000,
            baselineTitle: "ms raw 1-row upsert txn", baselineMedian: base.median * 1000, ratio: durable.median / base.median,
            target: "(info)", met: nil, repetitions: durable.count,
            note: "synchronous \(fullSync) set after opening: one fsync per commit. If the Store really ran at FULL, its "
                + "single edit would be about \(format(projected))× such a raw commit (its overhead over raw, plus the fsync). "
                + "CPU time per commit (median, diagnostic): Store \(format(Stats(cpuStore).median * 1e6)) µs, raw at FULL "
                + "\(format(Stats(cpuFull).median * 1e6)) µs.")]
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
