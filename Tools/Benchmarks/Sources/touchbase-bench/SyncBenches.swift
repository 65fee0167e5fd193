import Foundation
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync

/// Several devices that edit their own contacts and log interactions, syncing now and then: each
/// device's Changes depend on what the others had published at its previous sync.
struct FleetWriter {
    var fake: Fake
    var devices: [DeviceID]
    var seq: [UInt64]
    var published: [UInt64]
    var contacts: [[RecordID]]
    var wall: UInt64 = 1_767_225_600_000

    init(devices count: Int, seed: UInt64) {
        var f = Fake(seed: seed)
        devices = (0..<count).map { _ in f.deviceID() }
        fake = f
        seq = Array(repeating: 0, count: count)
        published = Array(repeating: 0, count: count)
        contacts = Array(repeating: [], count: count)
    }

    /// The next `n` Changes of device `d`: new contacts, contact edits, interactions, tags.
    mutating func changes(of d: Int, count n: Int) -> [Change] {
        var deps = VersionVector()
        for (i, other) in devices.enumerated() where i != d && published[i] > 0 { deps[other] = published[i] }
        var out: [Change] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            wall += UInt64(fake.int(1_000..<30_000))
            let roll = fake.int(0..<100)
            let ops: [Op]
            if contacts[d].count < 20 || roll < 15 {
                let id = fake.recordID()
                contacts[d].append(id)
                ops = fake.newContact(id)
            } else if roll < 45 {
                let id = contacts[d][fake.int(0..<contacts[d].count)]
                ops = RecordOps.put("contact", id, [
                    ("stage", .text(fake.stage())),
                    ("notes", fake.chance(0.5) ? .text(fake.pick(Fake.notes)) : nil),
                    ("role", fake.chance(0.3) ? .text(fake.pick(Fake.roles)) : nil),
                ])
            } else if roll < 95 {
                let kind = fake.weighted([("new-touch", 35), ("follow-up", 25), ("reply", 20), ("meeting", 20)])
                let day = CalendarDate(dayNumber: Int(wall / 86_400_000))
                ops = RecordOps.put("interaction", fake.recordID(), [
                    ("contact", .ref(contacts[d][fake.int(0..<contacts[d].count)])),
                    ("date", .date(day)),
                    ("kind", .text(kind)),
                    ("direction", .text(kind == "reply" ? "in" : "out")),
                    ("channel", .text(fake.pick(Fake.channels))),
                    ("reason", kind == "new-touch" ? .text(fake.pick(Fake.reasons)) : nil),
                    ("followUp", fake.chance(0.15) ? .date(day.adding(days: 14)) : nil),
                ])
            } else {
                ops = RecordOps.tag(contacts[d][fake.int(0..<contacts[d].count)], fake.pick(Fake.tagNames))
            }
            seq[d] += 1
            out.append(Change(device: devices[d], seq: seq[d], hlc: HLC(milliseconds: wall, counter: 0), deps: deps, ops: ops))
        }
        return out
    }

    /// Device `d` publishes what it made: others see it from their next Change on.
    mutating func markPublished(_ d: Int) { published[d] = seq[d] }
}

/// A fixed signing key per benchmark device (seed: SHA-256 of its id).
func benchKey(_ device: DeviceID) -> DeviceSigningKey {
    try! DeviceSigningKey(seed: SHA256Digest.hash(device.raw.bytes))
}

/// Writes a changes file exactly as `SharedFolder.publish` frames it (same `ExchangeFile.seal`,
/// same name), but without its fsyncs: setting up thousands of files would otherwise take minutes.
func writeChangeFile(_ changes: [Change], folder: String) throws {
    let first = changes.first!, last = changes.last!
    let entry = ChangeFileEntry(device: first.device, first: first.seq, last: last.seq)
    let bytes = ExchangeFile.seal(kind: .changes, device: first.device, first: first.seq, last: last.seq,
                                  payload: ChangeBatch.encode(changes), key: nil, signer: benchKey(first.device))
    let url = URL(fileURLWithPath: folder).appendingPathComponent(entry.relativePath)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
}

/// Builds a shared folder of `files` change files from `devices` devices (round robin, each file
/// `changesPerFile` Changes), with their device cards and acks. Returns the numbers of Changes and puts.
func buildFleetFolder(_ folder: String, devices: Int, files: Int, changesPerFile: ClosedRange<Int>,
                      seed: UInt64) throws -> (changes: Int, puts: Int) {
    var fleet = FleetWriter(devices: devices, seed: seed)
    var total = 0, puts = 0
    for i in 0..<files {
        let d = i % devices
        let n = changesPerFile.lowerBound == changesPerFile.upperBound
            ? changesPerFile.lowerBound : fleet.fake.int(changesPerFile.lowerBound..<(changesPerFile.upperBound + 1))
        let changes = fleet.changes(of: d, count: n)
        try writeChangeFile(changes, folder: folder)
        fleet.markPublished(d)
        total += n
        puts += changes.reduce(0) { $0 + $1.ops.count }
    }
    let shared = SharedFolder(path: folder)
    var applied = VersionVector()
    for (i, d) in fleet.devices.enumerated() { applied[d] = fleet.seq[i] }
    for (i, d) in fleet.devices.enumerated() {
        try shared.signing(with: benchKey(d)).writeDeviceCard(DeviceCard(device: d, name: "device \(i + 1)", createdAt: 1_767_225_600_000))
        try shared.signing(with: benchKey(d)).writeAck(Ack(device: d, applied: applied, writtenAt: fleet.wall))
    }
    return (total, puts)
}

enum SyncBenches {
    // MARK: 5. Quiet sync

    static func quietSync(_ config: BenchConfig, binary: String?) throws -> [ResultLine] {
        let dir = try TemporaryDirectory("quiet")
        defer { dir.remove() }
        let folderPath = dir.file("folder"), home = dir.file("home")
        try FileManager.default.createDirectory(atPath: folderPath, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        log("quiet sync: writing \(config.quietFiles) change files from 5 devices…")
        let total = try buildFleetFolder(folderPath, devices: 5, files: config.quietFiles, changesPerFile: 1...3, seed: 5).changes
        var lines: [ResultLine] = []
        var firstImport = 0.0
        do {
            let store = try Store.create(at: home + "/touchbase.sqlite", deviceName: "bench")
            try store.setMetaValue("folder", folderPath)
            let folder = SharedFolder(path: folderPath)
            let engine = SyncEngine(store: store, folder: folder)
            var report = SyncReport()
            firstImport = try time { report = try engine.sync() }
            guard report.importedTotal == total else {
                throw BenchError("the first sync imported \(report.importedTotal) of \(total) Changes (waiting: \(report.waiting.count))")
            }
            log("quiet sync: first sync imported \(total) Changes in \(format(firstImport)) s; timing quiet syncs…")
            _ = try engine.sync()
            let (base, subject) = try measurePair(warmup: 2, repetitions: config.quietRuns, baseline: {
                try time { _ = try folder.scan() }
            }, subject: {
                var r = SyncReport()
                let t = try time { r = try engine.sync() }
                guard r.importedTotal == 0, r.published == 0 else { throw BenchError("a quiet sync imported or published something") }
                return t
            })
            lines.append(ResultLine(
                key: "quiet-sync", title: "5. quiet sync (SyncEngine.sync)", unit: "ms",
                median: subject.median * 1000, best: subject.min * 1000,
                baselineTitle: "ms SharedFolder.scan()", baselineMedian: base.median * 1000, ratio: subject.median / base.median,
                target: "≤ 100 ms", met: subject.median * 1000 <= 100, repetitions: subject.count,
                note: "\(config.quietFiles) change files (\(total) Changes) from 5 devices, all applied; the first sync imported "
                    + "them in \(format(firstImport)) s; baseline = listing the folder, the least a sync must do.",
                targets: [Target(name: "quiet-sync", value: subject.median * 1000, unit: "ms", comparison: .atMost, limit: 100)]))
        }
        if let binary {
            let env = ["NO_COLOR": "1"]
            _ = try runProcess(binary, ["sync", "--home", home], environment: env)
            _ = try runProcess(binary, ["--version"], environment: env)
            var b: [Double] = [], s: [Double] = []
            for i in 0..<config.cliRuns {
                if i % 2 == 0 {
                    b.append(try runProcess(binary, ["--version"], environment: env).seconds)
                    s.append(try runProcess(binary, ["sync", "--home", home], environment: env).seconds)
                } else {
                    s.append(try runProcess(binary, ["sync", "--home", home], environment: env).seconds)
                    b.append(try runProcess(binary, ["--version"], environment: env).seconds)
                }
            }
            let base = Stats(b), subject = Stats(s)
            lines.append(ResultLine(
                key: "quiet-sync-cli", title: "5. touchbase sync (nothing new)", unit: "ms",
                median: subject.median * 1000, best: subject.min * 1000,
                baselineTitle: "ms touchbase --version", baselineMedian: base.median * 1000, ratio: subject.median / base.median,
                target: "≤ 100 ms", met: subject.median * 1000 <= 100, repetitions: subject.count,
                note: "the release binary on the same folder and database, process start included.",
                targets: [Target(name: "quiet-sync-cli", value: subject.median * 1000, unit: "ms", comparison: .atMost, limit: 100)]))
        }
        return lines
    }

    // MARK: 6. Change file size

    static func changeFileSize(_ config: BenchConfig) throws -> ResultLine {
        let perChange = 10
        let work = RemoteWorkload.make(changesFromA: config.fileUpdates / perChange, concurrentFromB: 0, seed: 1)
        let updates = work.updates
        let dir = try TemporaryDirectory("file")
        defer { dir.remove() }
        let folder = SharedFolder(path: dir.path).signing(with: benchKey(work.changes[0].device))
        let outcome = try folder.publish(work.changes)
        let attributes = try FileManager.default.attributesOfItem(atPath: dir.file(outcome.entry.relativePath))
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        let payload = ChangeCodec.encode(work.changes).count
        let perUpdate = Double(size) / Double(updates)
        return ResultLine(
            key: "change-file-size", title: "6. change file size", unit: "B/update",
            median: perUpdate, best: perUpdate,
            baselineTitle: "B/update ChangeCodec payload", baselineMedian: Double(payload) / Double(updates),
            ratio: Double(size) / Double(payload),
            target: "≤ 8.6 B/update", met: perUpdate <= 8.6, repetitions: 1,
            note: "\(work.changes.count) Changes, \(updates) updates of one device (same mix as line 1: 60% new contacts) "
                + "published with SharedFolder.publish: \(size) bytes on disk (framing + zlib + SHA-256) for a \(payload)-byte payload.",
            targets: [Target(name: "file-size", value: perUpdate, unit: "B/update", comparison: .atMost, limit: 8.6)])
    }

    // MARK: 7. Import memory

    /// Builds the folder and a fresh database, then runs the import in a child process of this
    /// executable (`--import-child`) so the time and peak memory are the import's alone; then
    /// upserts the same cells raw, for the line's baseline.
    static func importMemory(_ config: BenchConfig) throws -> ResultLine {
        let dir = try TemporaryDirectory("import")
        defer { dir.remove() }
        let folderPath = dir.file("folder"), dbPath = dir.file("touchbase.sqlite")
        try FileManager.default.createDirectory(atPath: folderPath, withIntermediateDirectories: true)
        let files = max(5, config.importChanges / config.importChangesPerFile)
        log("import memory: writing \(config.importChanges) Changes in \(files) files from 5 devices…")
        var written = (changes: 0, puts: 0)
        let genTime = try time {
            written = try buildFleetFolder(folderPath, devices: 5, files: files,
                                           changesPerFile: config.importChangesPerFile...config.importChangesPerFile, seed: 7)
        }
        _ = try Store.create(at: dbPath, deviceName: "bench")
        log("import memory: written in \(format(genTime)) s; importing in a child process…")
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let result = try runProcess(me, ["--import-child", dbPath, folderPath], capture: true)
        guard let data = result.output.split(separator: "\n").last.map({ Data($0.utf8) }),
              let child = try? JSONDecoder().decode(ImportChildResult.self, from: data) else {
            throw BenchError("the import child printed: \(result.output.suffix(500))")
        }
        guard child.imported == written.changes else {
            throw BenchError("the import child imported \(child.imported) of \(written.changes) Changes")
        }
        let peakMB = Double(child.peak) / 1_000_000
        let shrunk = written.changes < 1_000_000
        log("import-1m: imported in \(format(child.seconds)) s; raw upserts of the same cells…")
        let raw = try RawTables(path: dir.file("raw.sqlite"), scratch: dir)
        let (rawSeconds, cells) = try raw.upsertChanges(from: dbPath)
        let rate = Double(cells) / child.seconds, rawRate = Double(cells) / rawSeconds
        return ResultLine(
            key: "import-1m", title: "7. import of \(format(Double(child.imported))) Changes (SyncEngine.sync)", unit: "updates/s",
            median: rate, best: rate,
            baselineTitle: "raw upserts/s", baselineMedian: rawRate, ratio: rawRate / rate,
            target: "≥ 0.5× raw", met: rate >= 0.5 * rawRate, repetitions: 1,
            note: "\(child.imported) Changes (\(written.puts) puts, \(cells) with a column) in \(files) files from 5 devices that synced "
                + "with each other, no snapshot, imported into a fresh database by one SyncEngine.sync() in a child process in "
                + "\(format(child.seconds)) s (reading, checking and decoding the files included); peak RSS \(format(peakMB)) MB "
                + "(VmHWM; \(format(Double(child.floor) / 1_000_000)) MB before the sync); raw = \(cells) single-column upserts into "
                + "the Store's entity tables and indexes, one transaction, \(format(rawSeconds)) s"
                + (shrunk ? "; SHRUNK: the target's size is 1,000,000 Changes (--import-changes 1000000)." : "."),
            targets: [.ratio("import-1m", rate / rawRate, atLeast: 0.5)])
    }

    struct ImportChildResult: Codable {
        var floor: Int
        var peak: Int
        var imported: Int
        var seconds: Double
    }

    /// The child side of ``importMemory(_:)``: sync once, print the peak RSS as JSON.
    static func importChild(database: String, folder: String) throws {
        let store = try Store.open(at: database)
        let engine = SyncEngine(store: store, folder: SharedFolder(path: folder))
        let floor = memoryStatus().current
        var report = SyncReport()
        let seconds = try time { report = try engine.sync() }
        let peak = memoryStatus().peak
        let result = ImportChildResult(floor: floor, peak: peak, imported: report.importedTotal, seconds: seconds)
        print(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
    }
}
