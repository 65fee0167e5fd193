import Foundation
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

extension SyncEngine {
    /// Local notes of garbage collection (Protocol/SPEC.md §3.7).
    enum GarbageMarks {
        /// Own Changes at or below this sequence number may be absent from the folder (removed under
        /// §3.7): they are never published again. Only grows.
        static func horizon(_ device: DeviceID) -> String { "gcHorizon." + device.hex }
        /// Snapshots that verified, with their fingerprint and covered vector, one per line.
        static let verifiedSnapshots = "gcVerifiedSnapshots"
    }

    /// The recorded own horizon: own Changes at or below it need not be in the folder.
    func recordedGarbageHorizon(me: DeviceID) throws -> UInt64 {
        UInt64(try store.metaValue(GarbageMarks.horizon(me)) ?? "0") ?? 0
    }

    /// Removes this device's own files that nobody can need any more (Protocol/SPEC.md §3.7): its
    /// changes files and relays whose every Change its own verified snapshot covers and every active
    /// device acknowledged, and its older snapshots once a newer own one covers them. It records the
    /// horizon before removing anything, so a kill at any instant leaves only files the rules allow
    /// removed, and the next sync removes the rest.
    func collectGarbage(_ scan: FolderScan, me: DeviceID, into report: inout SyncReport) throws {
        let view = try GarbageView(scan: scan, me: me, engine: self)
        report.garbage.awaiting = view.awaiting
        let recorded = try recordedGarbageHorizon(me: me)
        report.garbage.horizon = recorded
        // Parts a killed snapshot writer left, which no snapshot names (rule 5).
        report.garbage.removed += try folder.removeOrphanedSnapshotParts(of: me, now: Int(Date().timeIntervalSince1970))
        guard let newest = view.snapshot else { return }
        let own = view.horizon(of: me)
        if own > recorded {
            try store.setMetaValue(GarbageMarks.horizon(me), String(own))
            report.garbage.horizon = own
        }
        for entry in scan.changeFiles(of: me) where entry.last <= own {
            try folder.removeOwnChangeFile(entry, owner: me)
            report.garbage.removed.append(entry.relativePath)
        }
        for entry in scan.relayFiles where entry.relayer == me && entry.device != me && entry.last <= view.horizon(of: entry.device) {
            try folder.removeOwnRelay(entry, owner: me)
            report.garbage.removed.append(entry.relativePath)
        }
        for (entry, covers) in view.ownSnapshots where entry != newest.entry && newest.covers.covers(covers) {
            try folder.removeOwnSnapshot(entry, owner: me)
            report.garbage.removed.append(entry.relativePath)
        }
        // The local log, the same way (one transaction).
        var horizon = VersionVector()
        for (device, _) in newest.covers.sorted { horizon[device] = view.horizon(of: device) }
        report.garbage.compacted = try store.compactLog(through: horizon)
    }

    /// A device that finds itself retired makes itself active again with an ordinary edit (the
    /// others then wait for its acknowledgements again, Protocol/SPEC.md §3.7). And a re-keyed
    /// database retires the ids it gave up, once each, so that nobody waits for them.
    func comeBackIfRetired(me: DeviceID, into report: inout SyncReport) throws {
        let retired = try DeviceRetirement.retired(in: store)
        if retired.contains(me) {
            try store.commit(DeviceRetirement.clearOps(me))
            report.garbage.cameBack = true
        }
        try retireOldOwnIDs(me: me, retired: retired, into: &report)
    }

    /// Retires (Protocol/SPEC.md §3.7, "A re-keyed id") every id this database re-keyed away from
    /// and has not retired yet: its own edits moved to the new id, so nothing waits for the old
    /// one. Each id once: if another copy of the database still writes under it, that copy comes
    /// back, and its return stands.
    func retireOldOwnIDs(me: DeviceID, retired: Set<DeviceID>, into report: inout SyncReport) throws {
        let gaveUp = DeviceRetirement.ids(try store.metaValue(RekeyMarks.gaveUp))
        var done = DeviceRetirement.ids(try store.metaValue(RekeyMarks.retired))
        let due = gaveUp.filter { $0 != me && !done.contains($0) }
        guard !due.isEmpty else { return }
        let ops = due.filter { !retired.contains($0) }.flatMap(DeviceRetirement.retireOps)
        if !ops.isEmpty { try store.commit(ops) }
        done += due
        try store.setMetaValue(RekeyMarks.retired, done.map(\.hex).joined(separator: ","))
        report.garbage.retiredOldIDs = due
    }

    /// The local notes of re-keying (Protocol/SPEC.md §3.4, §3.7).
    enum RekeyMarks {
        /// The ids this database gave up, comma-separated, oldest first (written by the re-key).
        static let gaveUp = Store.gaveUpIDsKey
        /// Those of them this database has retired already.
        static let retired = "retiredDeviceAnnounced"
    }

    /// Whether a range of another device need not be relayed (Protocol/SPEC.md §3.7): every active
    /// device acknowledged it and a verified snapshot of its author covers it, so the author may
    /// have removed it rightfully.
    func isGarbage(_ device: DeviceID, through last: UInt64, view: inout GarbageView?, scan: FolderScan, me: DeviceID) throws -> Bool {
        if view == nil { view = try GarbageView(scan: scan, me: me, engine: self) }
        guard view!.acknowledgedByAll(device) >= last else { return false }
        return try view!.authorSnapshotCovers(device) >= last
    }
}

/// What garbage collection decides from (Protocol/SPEC.md §3.7): this device's own snapshots that
/// verify, the active devices (known, not this one, not retired) and what each acknowledged.
struct GarbageView {
    /// The own snapshot covering the most, with its vector.
    var snapshot: (entry: SnapshotEntry, covers: VersionVector)?
    /// Every own snapshot that verifies.
    var ownSnapshots: [(entry: SnapshotEntry, covers: VersionVector)] = []
    /// The active devices' acknowledgements (empty for one whose ack was never read).
    var acks: [DeviceID: VersionVector] = [:]
    /// Active devices that have not acknowledged every own Change of this device.
    var awaiting: [DeviceID] = []

    private let engine: SyncEngine
    private let scan: FolderScan
    private var cache: SnapshotCovers
    private var authorCovers: [DeviceID: UInt64] = [:]

    init(scan: FolderScan, me: DeviceID, engine: SyncEngine) throws {
        self.engine = engine
        self.scan = scan
        let retired = try DeviceRetirement.retired(in: engine.store)
        let version = try engine.store.version()
        for info in try engine.store.devices() where info.id != me && !retired.contains(info.id) {
            let ack = info.acknowledged ?? VersionVector()
            acks[info.id] = ack
            if ack[me] < version[me] { awaiting.append(info.id) }
        }
        awaiting.sort()
        cache = try SnapshotCovers(store: engine.store)
        cache.keepOnly(scan.snapshots)
        for entry in scan.snapshots where entry.device == me {
            if let covers = cache.covers(of: entry, in: engine.folder) { ownSnapshots.append((entry, covers)) }
        }
        try cache.save()
        // The largest total whose vector covers the others'; else simply the largest total.
        let byTotal = ownSnapshots.sorted { $0.entry < $1.entry }
        snapshot = byTotal.last { s in ownSnapshots.allSatisfy { s.covers.covers($0.covers) } } ?? byTotal.last
    }

    /// The lowest sequence number of `device` that every active device acknowledged (`.max` with
    /// no active device).
    func acknowledgedByAll(_ device: DeviceID) -> UInt64 {
        acks.values.map { $0[device] }.min() ?? .max
    }

    /// `H(x)`: what the own snapshot covers of `x` and every active device acknowledged.
    func horizon(of device: DeviceID) -> UInt64 {
        guard let snapshot else { return 0 }
        return min(snapshot.covers[device], acknowledgedByAll(device))
    }

    /// The most of `author`'s Changes that a verified snapshot written by `author` covers.
    mutating func authorSnapshotCovers(_ author: DeviceID) throws -> UInt64 {
        if let known = authorCovers[author] { return known }
        var best: UInt64 = 0
        for entry in scan.snapshots where entry.device == author {
            if let covers = cache.covers(of: entry, in: engine.folder) { best = max(best, covers[author]) }
        }
        try cache.save()
        authorCovers[author] = best
        return best
    }
}
