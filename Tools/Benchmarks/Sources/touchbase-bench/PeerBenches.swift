import Foundation
import GRDB
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync

/// Two peers that edit the same records at the same time, then exchange their deltas through a
/// shared folder: 10,000 contacts × 8 text fields created on A and synced to B; then A and B each
/// make 50,000 seeded random field updates (overlapping records and fields, values of 24 to 36
/// characters) and publish them. Each delta is applied on the other peer (timed: `Store.apply` of
/// the delta, against raw upserts of the same cells, interleaved), then both sync; the state of the
/// two peers (registers with their concurrent values, and conflicts) must then be equal.
enum PeerBenches {
    /// The contact fields the peers edit.
    static let fields = ["name", "organization", "role", "linkedin", "location", "ask", "offer", "notes"]
    static let words = ["met", "coffee", "intro", "data", "team", "hiring", "north", "launch", "design", "mentor", "cloud",
                        "market", "review", "offer", "ask", "follow", "event", "panel", "meetup", "podcast", "paper",
                        "growth", "policy", "retail", "health", "robot", "studio", "garden", "river", "summit", "quiet",
                        "bright", "signal", "vector", "orbit", "harbor", "maple", "cedar", "copper", "silver"]

    /// A value of 24 to 36 characters made of words.
    static func value(_ fake: inout Fake) -> String {
        let length = fake.int(24..<37)
        var s = ""
        while s.count < length { s += (s.isEmpty ? "" : " ") + fake.pick(words) }
        return String(s.prefix(length))
    }

    static func peers(_ config: BenchConfig) throws -> ResultLine {
        let dir = try TemporaryDirectory("peers")
        defer { dir.remove() }
        let folderPath = dir.file("folder")
        try FileManager.default.createDirectory(atPath: folderPath, withIntermediateDirectories: true)
        let a = try Store.create(at: dir.file("a.sqlite"), deviceName: "a")
        let b = try Store.create(at: dir.file("b.sqlite"), deviceName: "b")
        try a.setMetaValue("folder", folderPath)
        try b.setMetaValue("folder", folderPath)
        let engineA = SyncEngine(store: a, folder: SharedFolder(path: folderPath))
        let engineB = SyncEngine(store: b, folder: SharedFolder(path: folderPath))

        var fake = Fake(seed: 11)
        // The contacts' ids are made as A's store makes new records' ids: A's RecordIDGenerator
        // (SPEC §13, "New record ids"), here with the bench's seeded randomness and a fixed clock
        // (a bulk add: one millisecond per id), so that the published files hold the record tables a
        // device really writes (ids of 128 random bits published 9.60 B per update, these 7.87).
        var idGenerator = RecordIDGenerator(device: try a.device)
        let ids = (0..<config.peerRecords).map { _ in fake.recordID(from: &idGenerator, at: 1_772_442_000_000) }
        log("peers: \(ids.count) contacts × \(fields.count) fields on A, synced to B…")
        var initial: [Op] = []
        for id in ids { for f in fields { initial.append(Op(entity: "contact", record: id, field: f, value: .text(value(&fake)))) } }
        for start in stride(from: 0, to: initial.count, by: 8_000) { try a.commit(Array(initial[start..<min(start + 8_000, initial.count)])) }
        _ = try engineA.sync()
        let first = try engineB.sync()
        guard first.importedTotal > 0 else { throw BenchError("B imported nothing from A") }
        let devA = try a.device, devB = try b.device
        let a0 = try a.version()[devA], b0 = try b.version()[devB]

        log("peers: \(config.peerUpdates) random field updates on each peer (commits of 100)…")
        func edit(_ store: Store, seed: UInt64) throws {
            var f = Fake(seed: seed)
            var ops: [Op] = []
            for _ in 0..<config.peerUpdates {
                ops.append(Op(entity: "contact", record: ids[f.int(0..<ids.count)], field: f.pick(fields), value: .text(value(&f))))
                if ops.count == 100 { try store.commit(ops); ops = [] }
            }
            if !ops.isEmpty { try store.commit(ops) }
        }
        try edit(a, seed: 12)
        try edit(b, seed: 13)
        let deltaA = try a.changes(of: devA, after: a0), deltaB = try b.changes(of: devB, after: b0)
        let updatesA = deltaA.reduce(0) { $0 + $1.ops.count }, updatesB = deltaB.reduce(0) { $0 + $1.ops.count }

        // Raw upserts of the same cells into a table that already holds the contacts.
        let rawDir = try TemporaryDirectory("peers-raw")
        defer { rawDir.remove() }
        let raw = try RawContactTable(path: rawDir.file("raw.sqlite"))
        try raw.upsertAll(RawContactTable.puts(of: initial))
        let rawA = RawContactTable.puts(of: deltaA), rawB = RawContactTable.puts(of: deltaB)
        log("peers: applying each delta on the other peer (\(deltaA.count) + \(deltaB.count) Changes) vs raw upserts…")
        var rawRates: [Double] = []
        func rawRound() throws {
            rawRates.append(Double(rawA.count) / (try time { try raw.upsertAll(rawA) }))
            rawRates.append(Double(rawB.count) / (try time { try raw.upsertAll(rawB) }))
        }
        try rawRound()
        var reportB = ApplyReport(), reportA = ApplyReport()
        let intoB = try time { reportB = try b.apply(deltaA) }
        try rawRound()
        let intoA = try time { reportA = try a.apply(deltaB) }
        try rawRound()
        guard reportB.applied.count == deltaA.count, reportA.applied.count == deltaB.count else {
            throw BenchError("a delta did not apply whole (\(reportB.applied.count)/\(deltaA.count), \(reportA.applied.count)/\(deltaB.count))")
        }
        let rawRate = Stats(rawRates).median
        let rateB = Double(updatesA) / intoB, rateA = Double(updatesB) / intoA
        let worst = min(rateA, rateB)

        // Publish both deltas; each peer then imports the other's file (already applied: skipped).
        let before = folderBytes(folderPath)
        _ = try engineA.sync()
        let afterA = folderBytes(folderPath)
        _ = try engineB.sync()
        let afterB = folderBytes(folderPath)
        _ = try engineA.sync()
        let bytesPerUpdate = Double(max(afterA - before, afterB - afterA)) / Double(max(1, min(updatesA, updatesB)))
        let digestA = try stateDigest(a), digestB = try stateDigest(b)
        let conflicts = try a.conflicts().count
        let equal = digestA == digestB
        return ResultLine(
            key: "peers", title: "peers: apply the other peer's delta (Store.apply)", unit: "updates/s",
            median: worst, best: max(rateA, rateB),
            baselineTitle: "raw upserts/s", baselineMedian: rawRate, ratio: rawRate / worst,
            target: "≥ 0.8× raw; ≤ 8.6 B/update; digests equal", met: worst >= 0.8 * rawRate && bytesPerUpdate <= 8.6 && equal,
            repetitions: 1,
            note: "\(ids.count) contacts × \(fields.count) fields; A's delta \(updatesA) updates (\(deltaA.count) Changes) applied on B at "
                + "\(format(rateB))/s, B's \(updatesB) on A at \(format(rateA))/s (median is the slower); \(conflicts) open conflicts after; "
                + "published \(format(bytesPerUpdate)) B/update (larger delta file); state digests \(equal ? "equal" : "DIFFER").",
            targets: [.ratio("peers", worst / rawRate, atLeast: 0.8),
                      Target(name: "peers-bytes", value: bytesPerUpdate, unit: "B/update", comparison: .atMost, limit: 8.6),
                      Target(name: "peers-digests", value: equal ? 1 : 0, unit: "", comparison: .equal, limit: 1)])
    }

    /// Total bytes of the files under `path`.
    static func folderBytes(_ path: String) -> Int {
        var total = 0
        guard let e = FileManager.default.enumerator(atPath: path) else { return 0 }
        while let name = e.nextObject() as? String {
            if let size = e.fileAttributes?[.size] as? NSNumber, e.fileAttributes?[.type] as? FileAttributeType == .typeRegular {
                total += size.intValue
            }
            _ = name
        }
        return total
    }

    /// SHA-256 of a peer's merge state: every register value (device by id, not by local index)
    /// and every open conflict, in a fixed order.
    static func stateDigest(_ store: Store) throws -> [UInt8] {
        // The records that hold registers (one row per record), then each one's registers
        // through the Store, in the order the old one-row-per-value table sorted them.
        let keys = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT record, entity FROM recordRegisters ORDER BY record, entity").map { row in
                RecordKey(entity: row[1], record: RecordID(ID128(bytes: [UInt8](row[0] as Data))!))
            }
        }
        var registers: [(RecordKey, [String: Register])] = []
        for key in keys { registers.append((key, try store.registers(of: key))) }
        return try store.read { db in
            var bytes: [UInt8] = []
            func add(_ v: DatabaseValue) {
                switch v.storage {
                case .null: bytes.append(0)
                case .int64(let i): bytes += [1] + Array(String(i).utf8)
                case .double(let d): bytes += [2] + Array(String(d).utf8)
                case .string(let s): bytes += [3] + Array(s.utf8)
                case .blob(let d): bytes += [4] + Array(d)
                }
                bytes.append(0xFF)
            }
            for (key, fields) in registers {
                for (field, register) in fields.sorted(by: { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }) {
                    for v in register.values.sorted(by: { $0.dot.device.raw.bytes.lexicographicallyPrecedes($1.dot.device.raw.bytes) }) {
                        add(Data(key.record.raw.bytes).databaseValue)
                        add(key.entity.databaseValue)
                        add(field.databaseValue)
                        add(Data(v.dot.device.raw.bytes).databaseValue)
                        add(Int64(v.dot.seq).databaseValue)
                        add(Int64(bitPattern: v.hlc.raw).databaseValue)
                        add(Data(v.value.encodedBytes).databaseValue)
                    }
                }
            }
            let conflicts = try Row.fetchCursor(db, sql: "SELECT record, entity, field, kind FROM conflict ORDER BY record, entity, field, kind")
            while let row = try conflicts.next() { for i in 0..<4 { add(row[i]) } }
            return SHA256Digest.hash(bytes)
        }
    }
}
