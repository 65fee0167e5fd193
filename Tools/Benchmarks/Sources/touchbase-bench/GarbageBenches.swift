import Foundation
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync

/// The folder's growth bound (Protocol/SPEC.md §3.7): `folder-bound` is the folder's bytes after
/// 100,000 field edits (Changes of 10 puts, published every 500 Changes), acknowledged by a second
/// device, a snapshot and garbage collection, against the compressed snapshot (its file and parts).
enum GarbageBenches {
    static func folderBound(_ config: BenchConfig) throws -> ResultLine {
        let edits = config.quick ? 20_000 : 100_000
        let dir = try TemporaryDirectory("folder-bound")
        defer { dir.remove() }
        let folderPath = dir.file("folder")
        try FileManager.default.createDirectory(atPath: folderPath, withIntermediateDirectories: true)
        let folder = SharedFolder(path: folderPath)
        let a = try Store.create(at: dir.file("a.sqlite"), deviceName: "a")
        let b = try Store.create(at: dir.file("b.sqlite"), deviceName: "b")
        for s in [a, b, a, b] { _ = try SyncEngine(store: s, folder: folder).sync() }
        var fake = Fake(seed: 21)
        let records = (0..<2_000).map { _ in a.environment.makeRecordID() }
        let fields = ["name", "notes", "organization", "role", "location"]
        log("folder-bound: \(edits) edits…")
        for change in 0..<(edits / 10) {
            try a.commit((0..<10).map { _ in
                Op(entity: "contact", record: records[fake.int(0..<records.count)], field: fields[fake.int(0..<fields.count)],
                   value: .text(fake.pick(Fake.notes)))
            })
            if (change + 1) % 500 == 0 { _ = try SyncEngine(store: a, folder: folder).sync() }
        }
        for s in [a, b] { _ = try SyncEngine(store: s, folder: folder).sync() }
        let before = bytes(folderPath)
        _ = try SyncEngine(store: a, folder: folder).writeSnapshot()
        for s in [a, b, a] { _ = try SyncEngine(store: s, folder: folder).sync() }
        let total = Double(bytes(folderPath)), snapshot = Double(bytes(folderPath + "/snapshots"))
        let ratio = total / max(snapshot, 1)
        return ResultLine(key: "folder-bound", title: "folder after \(edits) edits and collection", unit: "bytes",
                          median: total, best: total, baselineTitle: "compressed snapshot", baselineMedian: snapshot,
                          ratio: ratio, target: "≤ 2× the snapshot", met: ratio <= 2, repetitions: 1,
                          note: "folder before collection: \(before) bytes")
    }

    static func bytes(_ path: String) -> Int {
        var total = 0
        let e = FileManager.default.enumerator(atPath: path)
        while let name = e?.nextObject() as? String {
            let attrs = try? FileManager.default.attributesOfItem(atPath: path + "/" + name)
            if attrs?[.type] as? FileAttributeType == .typeRegular { total += (attrs?[.size] as? Int) ?? 0 }
        }
        return total
    }

    /// The line with the target attached: folder bytes at most 2× the compressed snapshot.
    static func withTargets(_ l: ResultLine) -> ResultLine {
        var l = l
        if l.key == "folder-bound" { l.targets = [.ratio(l.key, l.ratio, atMost: 2)] }
        return l
    }
}
