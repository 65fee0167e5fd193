import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

extension SyncEngine {
    /// Re-seeds this database when it lacks Changes that no file in the folder holds any more while
    /// a verified snapshot covers them (Protocol/SPEC.md §3.7): it was away past garbage collection,
    /// or retired and back. The snapshot tried first is the newest usable one (§7.6) that fills such
    /// a gap. The log's Changes the snapshot does not cover — own offline edits among them — are
    /// applied on top and kept, so the next publish sends them out.
    ///
    /// - returns: whether it re-seeded (then the caller imports again: the changes after the snapshot).
    func reseedIfBehind(_ scan: FolderScan, me: DeviceID, into report: inout SyncReport) throws -> Bool {
        guard !scan.snapshots.isEmpty else { return false }
        let version = try store.version()
        let files = scan.changeFiles + scan.relayFiles
        /// Whether some file in the folder holds Change `seq` of `device` (by name).
        func held(_ device: DeviceID, _ seq: UInt64) -> Bool {
            files.contains { $0.device == device && $0.first <= seq && seq <= $0.last }
        }
        var cache = try SnapshotCovers(store: store)
        defer { try? cache.save() }
        // The snapshots that fill a gap: those written by a device whose own missing Changes they
        // carry first (its own snapshot is what it removed its files under), else in seed order.
        var candidates: [(entry: SnapshotEntry, byAuthor: Bool)] = []
        for entry in Self.seedOrder(scan.snapshots) {
            guard let covers = cache.covers(of: entry, in: folder) else { continue }
            let gaps = covers.sorted.filter { d, s in d != me && s > version[d] && !held(d, version[d] + 1) }.map(\.device)
            if !gaps.isEmpty { candidates.append((entry, gaps.contains(entry.device))) }
        }
        for (entry, _) in candidates.filter(\.byAuthor) + candidates.filter({ !$0.byAuthor }) {
            do {
                let (snapshot, body) = try folder.readSnapshotBody(entry)
                try store.reseed(SnapshotInfo(covers: snapshot.covers, clock: body.clock, heads: body.heads),
                                 nextPart: snapshotParts(of: entry, body: body))
                report.garbage.reseededFrom = entry.relativePath
                return true
            } catch let e as StoreError where e.code == .notEmpty {
                continue  // it cannot stand for what this database holds: the next one may
            } catch let e as ExchangeError {
                switch e.code {
                case .newerSnapshotFormat, .newerMajorVersion: report.newerFormat.append(e.file ?? entry.relativePath)
                case .signatureInvalid, .keyMismatch:
                    report.rejected.append(RejectedFile(path: e.file ?? entry.relativePath, device: entry.device, code: e.code, reason: e.detail))
                default: report.damaged.append((e.file ?? entry.relativePath, e.description))
                }
            }
        }
        return false
    }
}
