import Foundation
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

/// What the verified files of one device show when compared with one another (Protocol/SPEC.md
/// §3.6, "Siblings"): a reader seeded from a snapshot holds no digest of most Changes it applied,
/// so it compares the files themselves.
enum FileSiblings {
    /// At the lowest sequence number two files differ, they hold siblings: the heals they show.
    case heals([ForkHeal])
    /// At the lowest sequence number two files differ, the Changes do not continue the same
    /// Change: two histories, but not their fork point.
    case differs(Change)
}

extension SyncEngine {
    /// Compares every verified file of `device` (its own files and relays) at the sequence numbers
    /// up to `upTo`, whatever was noted of them: at the lowest sequence number where two Changes
    /// differ, siblings give the heals (three siblings, two heals: each larger digest its own).
    /// Nil when no two files differ there.
    func fileSiblings(of device: DeviceID, upTo: UInt64, scan: FolderScan) -> FileSiblings? {
        var bySeq: [UInt64: [[UInt8]: Change]] = [:]
        for entry in scan.changeFiles(of: device) + scan.relayFiles.filter({ $0.device == device }) where entry.first <= upTo {
            guard let changes = try? folder.readChanges(entry) else { continue }  // proves nothing
            for c in changes where c.seq <= upTo { bySeq[c.seq, default: [:]][c.digest(hash: ChangeBatch.sha256)] = c }
        }
        guard let seq = bySeq.keys.filter({ bySeq[$0]!.count > 1 }).min() else { return nil }
        let found = bySeq[seq]!.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(\.value)
        let heals = found.dropFirst().compactMap { SyncEngine.siblingHeal(found[0], $0) }
        return heals.count == found.count - 1 ? .heals(heals) : .differs(found[1])
    }

    /// Whether this database applied some of `changes` without holding their digest (its log
    /// lacks them: a snapshot it was seeded from covered them), so only other files can show a
    /// fork among them.
    static func holdsUnknown(_ changes: [Change], applied version: VersionVector, chain: inout ChainView) throws -> Bool {
        try changes.contains { c in try version.contains(c.dot) && chain.link(c.dot) == nil }
    }
}

/// Which history of a forked id a line of Changes ending at a known Change follows (Protocol/SPEC.md
/// §3.6): the one a heal renames, the one that keeps the id, or unknown (the files do not tell).
enum HealLine {
    case renamed, keeps, unknown
}

extension SyncEngine {
    /// Heals the Store under `map`. A database seeded from a snapshot (its log lacks Changes it
    /// applied) must derive its state again when its log moves, or when its seeded state may hold
    /// a renamed history under the forked id (Protocol/SPEC.md §3.6, §7.6). It first tells, from
    /// the forked id's signed files, which history the seeded state holds: the one that keeps the
    /// id needs nothing. Otherwise it derives its state again from a verified snapshot of the
    /// folder, tried in the order a joiner tries them, then from none, with the Changes its log
    /// lacks beyond that base read from verified files. A base covers no more of a healed id than
    /// the log lacks, and none of a forked id's Changes from its fork point, unless the files show
    /// it covered the renamed history: then its state is read under the heal (``HealRelabel``).
    /// With no usable base the Store refuses (``StoreError/Code/healNeedsSnapshot``).
    func healStore(_ map: inout ForkHealMap) throws -> (device: DeviceID, changed: Bool) {
        do {
            return try store.heal(&map)
        } catch let e as StoreError where e.code == .healNeedsSnapshot {
            let lacks = try store.logBase()
            guard !lacks.sorted.isEmpty else { throw e }
            let scan = try folder.scan()
            var heads: [DeviceID: [UInt8]] = [:]
            for (d, s) in lacks.sorted { heads[d] = try store.appliedDigest(Dot(device: d, seq: s)) }
            var lines = HealLines(engine: self, scan: scan)
            // The seeded state's history of each forked id it covers from the fork point.
            var kept = Set<DeviceID>(), renamed: [ForkHeal] = [], renamedChanges: [Change] = []
            for h in map.heals where lacks[h.device] >= h.seq && lacks[h.derived] == 0 {
                let walked = lines.walk(h, head: Dot(device: h.device, seq: lacks[h.device]), digest: heads[h.device], all: map.heals)
                switch walked.line {
                case .keeps: kept.insert(h.device)
                case .renamed:
                    renamed.append(h)
                    renamedChanges += walked.changes
                case .unknown: break
                }
            }
            if !kept.isEmpty, renamed.isEmpty {
                do { return try store.heal(&map, kept: kept) } catch let e as StoreError where e.code == .healNeedsSnapshot {}
            }
            // What the log lacks, as healing reads it.
            var lacking = lacks, lackingHeads = heads
            for h in renamed {
                lackingHeads = HealRelabel.heads(lackingHeads, covers: lacking, h)
                lacking = HealRelabel.vector(lacking, h)
            }
            let healed = Set(map.heals.map(\.device) + map.heals.map(\.derived))
            for entry in Self.seedOrder(scan.snapshots) {
                guard let (snapshot, body) = try? folder.readSnapshotBody(entry),
                      healed.allSatisfy({ snapshot.covers[$0] <= lacks[$0] }) else { continue }
                var relabel: [ForkHeal] = []
                var usable = true
                for h in map.heals where lacks[h.device] >= h.seq && !kept.contains(h.device) && snapshot.covers[h.device] >= h.seq {
                    // It covers the forked id from the fork point: only the renamed history, read
                    // under the heal, when the seeded state holds that one too.
                    guard renamed.contains(h),
                          lines.line(h, head: Dot(device: h.device, seq: snapshot.covers[h.device]), digest: body.heads[h.device], all: map.heals) == .renamed else {
                        usable = false
                        break
                    }
                    relabel.append(h)
                }
                guard usable else { continue }
                var covers = snapshot.covers, baseHeads = body.heads
                for h in relabel {
                    baseHeads = HealRelabel.heads(baseHeads, covers: covers, h)
                    covers = HealRelabel.vector(covers, h)
                }
                let to = relabel.isEmpty ? lacks : lacking, toHeads = relabel.isEmpty ? heads : lackingHeads
                guard let supplement = gapChanges(from: covers, baseHeads: baseHeads, to: to, heads: toHeads, scan: scan) else { continue }
                let base = SnapshotInfo(covers: covers, clock: body.clock, heads: baseHeads)
                let parts = snapshotParts(of: entry, body: body)
                do {
                    return try store.heal(&map, base: base, supplement: supplement, kept: kept,
                                          seeded: relabel.isEmpty ? [] : renamedChanges.filter { c in relabel.contains { $0.device == c.device } }) {
                        try parts().map { records in records.map { r in relabel.reduce(r) { HealRelabel.record($0, $1) } } }
                    }
                } catch let e as ExchangeError where e.isStillArrivingOrDamaged {
                    continue  // a part that does not verify: the next snapshot
                } catch let e as StoreError where e.code == .healNeedsSnapshot {
                    continue
                }
            }
            // No snapshot: every Change the log lacks, from the files.
            guard let supplement = gapChanges(from: VersionVector(), baseHeads: [:], to: lacks, heads: heads, scan: scan) else { throw e }
            return try store.heal(&map, base: SnapshotInfo(covers: VersionVector(), clock: .zero, heads: [:]), supplement: supplement, kept: kept)
        }
    }

    /// The Changes, as signed, that this database applied from `base` (exclusive) to `lacks`
    /// (inclusive) per device, read from verified files: per device the line that ends at the
    /// Change it applied last (`heads`, its digest when known) and continues `baseHeads`. Nil when
    /// the files do not hold them all.
    func gapChanges(from base: VersionVector, baseHeads: [DeviceID: [UInt8]], to lacks: VersionVector,
                    heads: [DeviceID: [UInt8]], scan: FolderScan) -> [Change]? {
        var out: [Change] = []
        for (device, last) in lacks.sorted where base[device] < last {
            let from = base[device] + 1
            var byDigest: [[UInt8]: Change] = [:]
            var bySeq: [UInt64: [[UInt8]: Change]] = [:]
            for entry in scan.changeFiles(of: device) + scan.relayFiles.filter({ $0.device == device })
            where entry.last >= from && entry.first <= last {
                guard let changes = try? folder.readChanges(entry) else { continue }
                for c in changes where c.seq >= from && c.seq <= last {
                    let digest = c.digest(hash: ChangeBatch.sha256)
                    byDigest[digest] = c
                    bySeq[c.seq, default: [:]][digest] = c
                }
            }
            /// The Change at `seq` with `digest` when known, else the only one the files hold there.
            func at(_ seq: UInt64, _ digest: [UInt8]?) -> Change? {
                if let digest, digest != ChangeCodec.unknownDigest { return byDigest[digest].flatMap { $0.seq == seq ? $0 : nil } }
                guard let all = bySeq[seq], all.count == 1 else { return nil }
                return all.first?.value
            }
            guard var c = at(last, heads[device]) else { return nil }
            var line = [c]
            while c.seq > from {
                guard let before = at(c.seq - 1, c.seq > 1 ? c.prev : nil) else { return nil }
                c = before
                line.append(c)
            }
            // It continues the base's head, when both say which Change that is.
            if from > 1, let prev = c.prev, let head = baseHeads[device], head != ChangeCodec.unknownDigest, prev != head { return nil }
            out += line.reversed()
        }
        return out
    }
}
