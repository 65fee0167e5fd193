import Foundation
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

/// What writing a snapshot did.
public struct SnapshotWriteReport: Hashable, Sendable {
    /// The snapshot, relative to the folder.
    public var path: String
    /// Changes it covers.
    public var covers: VersionVector
    /// Records it holds, and in how many parts.
    public var records: UInt64
    public var parts: Int
    /// False when this device had already written a snapshot covering exactly these Changes.
    public var newlyWritten: Bool
}

extension SyncEngine {
    enum SnapshotMarks {
        /// This device's own sequence number covered by the last snapshot it wrote.
        static let ownSeq = "snapshotOwnSeq"
        /// The path of the last snapshot this device wrote.
        static let written = "snapshotWritten"
    }

    /// Writes a snapshot of this database's whole state (Protocol/SPEC.md §7.6): its parts first,
    /// each write-once, then the snapshot that names them. Killed half way, the folder holds at
    /// most parts that no snapshot names; readers never open them, and writing the same state
    /// again reuses them.
    ///
    /// - throws: ``ExchangeError`` (the folder refused a write: nothing under the snapshot's name).
    public func writeSnapshot() throws -> SnapshotWriteReport {
        let me = try store.device
        let scan = try folder.scan()
        try FolderAccess(store: store).verify(folder, scan: scan)  // never plaintext in an encrypted folder
        var report = SyncReport()
        let engine = try withSignatures(scan, me: me, into: &report)
        return try engine.writeSnapshot(me: me, existing: Set(scan.snapshots))
    }

    /// ``writeSnapshot()`` with the folder signing as this device, given the snapshots listed.
    func writeSnapshot(me: DeviceID, existing: Set<SnapshotEntry>) throws -> SnapshotWriteReport {
        var entry: SnapshotEntry?
        var parts: [SnapshotBody.Part] = []
        var skip = false
        let info = try store.dumpSnapshot(partBytes: snapshotPolicy.partBytes, start: { info in
            let tag = Snapshot.nameTag(covering: info.covers)
            let e = SnapshotEntry(device: me, total: tag.total, digest: tag.digest)
            entry = e
            skip = existing.contains(e)
        }, { records in
            guard !skip, let entry else { return }
            parts.append(try folder.publishSnapshotPart(SnapshotPart(records: records), of: entry, number: UInt64(parts.count + 1)))
        })
        guard let entry else { throw StoreError.corrupt("the snapshot was not started") }
        if !skip {
            if parts.isEmpty { parts.append(try folder.publishSnapshotPart(SnapshotPart(records: []), of: entry, number: 1)) }
            let body = SnapshotBody(clock: info.clock, heads: info.heads, parts: parts)
            try folder.publishSnapshot(Snapshot(device: me, covers: info.covers, body: body.encoded))
        }
        try store.setMetaValue(SnapshotMarks.ownSeq, String(info.covers[me]))
        try store.setMetaValue(SnapshotMarks.written, entry.relativePath)
        return SnapshotWriteReport(path: entry.relativePath, covers: info.covers, records: parts.reduce(0) { $0 + $1.records },
                                   parts: parts.count, newlyWritten: !skip)
    }

    /// Writes a snapshot when this device's own change files since its last snapshot pass the
    /// thresholds of ``snapshotPolicy``.
    func snapshotIfDue(_ scan: FolderScan, me: DeviceID, into report: inout SyncReport) throws {
        guard snapshotPolicy.automatic else { return }
        let mark = UInt64(try store.metaValue(SnapshotMarks.ownSeq) ?? "0") ?? 0
        let own = try store.version()[me]
        guard own > mark else { return }
        // The scan was taken before this sync published: its new file counts too.
        let files = scan.changeFiles(of: me).filter { $0.last > mark }.count + (report.published > 0 ? 1 : 0)
        if files < snapshotPolicy.changeFiles {
            guard try store.ownChangeBytes(after: mark) >= snapshotPolicy.bytes else { return }
        }
        let written = try writeSnapshot(me: me, existing: Set(scan.snapshots))
        report.snapshotWritten = written.path
    }

    /// The devices two of whose changes files hold one sequence number (by their names).
    static func overlappingDevices(_ scan: FolderScan) -> Set<DeviceID> {
        var out = Set<DeviceID>()
        for (device, entries) in Dictionary(grouping: scan.changeFiles, by: \.device) {
            var reached: UInt64 = 0
            for e in entries.sorted(by: { ($0.first, $0.last) < ($1.first, $1.last) }) {
                if e.first <= reached { out.insert(device) }
                reached = max(reached, e.last)
            }
        }
        return out
    }

    /// The snapshots a new device may seed from, newest first (Protocol/SPEC.md §7.6): the most
    /// Changes covered, then the smaller writer id, then the smaller digest, so every reader tries
    /// them in the same order.
    public static func seedOrder(_ snapshots: [SnapshotEntry]) -> [SnapshotEntry] {
        snapshots.sorted { ($1.total, $0.device, $0.digest) < ($0.total, $1.device, $1.digest) }
    }

    /// The parts of `entry`'s body, one per call and `nil` after the last, each verified against
    /// the body's list; progress is reported and cancellation checked between parts. The next part
    /// is read and decoded while the caller loads the one before it (``ReadAhead``).
    func snapshotParts(of entry: SnapshotEntry, body: SnapshotBody) -> () throws -> [SnapshotRecord]? {
        let folder = self.folder
        let parts = ReadAhead(count: body.parts.count) { k in
            try folder.readSnapshotPart(of: entry, number: UInt64(k + 1), expected: body.parts[k]).records
        }
        snapshotProgress?(0, body.parts.count)
        return { [self] in
            guard !parts.isFinished else { return nil }
            if shouldStop?() == true { throw CancellationError() }
            let records = try parts.next()
            snapshotProgress?(parts.handedOut, body.parts.count)
            return records
        }
    }

    /// Seeds an empty database from the newest usable snapshot (Protocol/SPEC.md §7.6): one that
    /// verifies whole (the snapshot and every part, signed by its writer's pinned key), of a body
    /// version this reader knows, that covers none of this device's own Changes. A snapshot that
    /// fails is reported and the next one is tried; with none usable, the import replays the
    /// changes as before. The changes after the snapshot follow in the same sync.
    func seedIfEmpty(_ scan: FolderScan, me: DeviceID, into report: inout SyncReport) throws {
        guard !scan.snapshots.isEmpty, try store.version().entries.values.allSatisfy({ $0 == 0 }) else { return }
        for entry in Self.seedOrder(scan.snapshots) {
            do {
                let (snapshot, body) = try folder.readSnapshotBody(entry)
                guard snapshot.covers[me] == 0 else { continue }
                try store.loadSnapshot(SnapshotInfo(covers: snapshot.covers, clock: body.clock, heads: body.heads),
                                       nextPart: snapshotParts(of: entry, body: body))
                report.seededFrom = entry.relativePath
                // The files the snapshot covers hold Changes this log lacks: nothing to compare them
                // with but the heads (the chain checks of later Changes use those), so they are noted
                // as checked and never read.
                // A device whose files overlap (two histories under one id, or an edition
                // published again) has them compared at the next sync instead (SPEC §3.6).
                let overlapping = Self.overlappingDevices(scan)
                try noteCheckedFiles(scan.changeFiles.filter { $0.device != me && $0.last <= snapshot.covers[$0.device] && !overlapping.contains($0.device) }, listed: scan)
                return
            } catch let e as ExchangeError {
                switch e.code {
                case .newerSnapshotFormat, .newerMajorVersion: report.newerFormat.append(e.file ?? entry.relativePath)
                case .signerUnknown: report.waitingForCard.append(e.file ?? entry.relativePath)
                case .signatureInvalid, .keyMismatch:
                    report.rejected.append(RejectedFile(path: e.file ?? entry.relativePath, device: entry.device, code: e.code, reason: e.detail))
                default: report.damaged.append((e.file ?? entry.relativePath, e.description))
                }
            }
        }
    }
}
