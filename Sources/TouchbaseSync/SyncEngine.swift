import Foundation
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

/// Syncs one Store with a shared folder: checks this device's identity, imports what other
/// devices published (verified, gated, one transaction per batch), publishes this device's new
/// Changes as one file, and writes its device card and acknowledgement.
///
/// Interrupting it anywhere loses nothing: applying a batch and recording it as applied is one
/// transaction, publishing is write-once, and the next sync finishes the job.
public struct SyncEngine {
    /// The database.
    public let store: Store
    /// The shared folder (with its key when encrypted). A sync signs with this device's key and trusts
    /// the keys pinned in the database, whatever this folder value says.
    public internal(set) var folder: SharedFolder
    /// Changes applied per transaction.
    public var batchSize = 20_000
    /// Called with (files done, files to read) while importing.
    public var progress: ((Int, Int) -> Void)?
    /// Asked between reads of files while importing: `true` stops the import, after applying
    /// what already passed the gates (one transaction), by throwing `CancellationError`.
    public var shouldStop: (() -> Bool)?
    /// When a sync writes a snapshot by itself (SyncEngine+Snapshot): this device's stored
    /// thresholds (``SnapshotPolicy/stored(in:)``), else the defaults.
    public var snapshotPolicy = SnapshotPolicy.default
    /// Called with (parts done, parts) while a new device seeds from a snapshot.
    public var snapshotProgress: ((Int, Int) -> Void)?

    /// Creates an engine.
    public init(store: Store, folder: SharedFolder) {
        self.store = store
        self.folder = folder
        // This device's own thresholds, when its user set them (SnapshotPolicy.stored).
        if let stored = try? SnapshotPolicy.stored(in: store) { snapshotPolicy = stored }
    }

    /// Runs one sync.
    ///
    /// - throws: ``SyncError``, ``ExchangeError`` for folder-level failures (unreadable folder,
    ///   failed write); a damaged file is reported, not thrown.
    public func sync() throws -> SyncReport {
        var report = SyncReport()
        var me = try store.device
        let conflictsBefore = Set(try store.conflicts().map(ConflictKey.init))
        let scan = try folder.scan()
        try FolderAccess(store: store).verify(folder, scan: scan)  // never plaintext in an encrypted folder
        // A healed fork (SPEC §3.6) changes what was applied, or this device's own id: the sync
        // then starts again on the healed state (a few rounds at most: each heal is learned once).
        for round in 1...4 {
            if round > 1 { report = report.nextRound() }
            report.ignored = scan.ignored
            // Read once per round: a heal learned in a round starts the next one.
            let healing = try store.forkHealMap()
            try pinDerivedIDs(healing)
            let engine = try withSignatures(scan, me: me, into: &report).withRelayedCards(scan, me: me, into: &report)
            let trusted = try engine.withoutForgeries(scan, me: me)
            let own = try engine.checkOwnFiles(trusted, me: me, healing: healing)
            report.identityClash = own.clash
            if let clash = own.clash, round < 4, !report.signingKeyReplaced, let healed = try engine.healOwnClash(clash, me: me, own: own, healing: healing, into: &report) {
                me = healed
                continue
            }
            try engine.seedIfEmpty(scan, me: me, into: &report)
            let beforeImport = report
            if try engine.importChanges(scan, me: me, healing: healing, own: own, into: &report) {
                // A heal may have renamed this device's own history: the next round (or sync) goes on.
                me = try store.device
                if round < 4 { continue }
                break
            }
            // Away past garbage collection: start again from a snapshot, then import again (SPEC §3.7).
            if report.identityClash == nil, try engine.reseedIfBehind(scan, me: me, into: &report) {
                let reseeded = report.garbage.reseededFrom
                report = beforeImport
                report.garbage.reseededFrom = reseeded
                _ = try engine.importChanges(scan, me: me, healing: try store.forkHealMap(), own: own, into: &report)
            }
            try engine.learnDevices(scan, me: me)
            if report.identityClash == nil && !report.signingKeyReplaced {
                try engine.resignOwnHistory(scan, me: me, into: &report)
                try engine.comeBackIfRetired(me: me, into: &report)
                try engine.publish(me: me, own: own, into: &report)
                try engine.republishRenamed(scan, me: me, healing: healing, into: &report)
                try engine.snapshotIfDue(scan, me: me, into: &report)
                try engine.relayAndKeepHouse(scan, me: me, healing: healing, into: &report)
                try engine.writeCardAndAck(me: me, scan: scan)
                try engine.collectGarbage(scan, me: me, into: &report)
            }
            break
        }
        let after = try store.conflicts()
        report.openConflicts = after.count
        report.newConflicts = Set(after.map(ConflictKey.init)).subtracting(conflictsBefore).count
        return report
    }

    // MARK: - Devices and acks

    private func learnDevices(_ scan: FolderScan, me: DeviceID) throws {
        let known = try store.deviceNames()
        var notes: [DeviceNote] = []
        for d in scan.deviceCards where d != me && known[d] == nil {
            // Only a card signed by the device's pinned key names it.
            if let card = try? folder.readDeviceCard(of: d), card.publicKey != nil, card.publicKey == folder.pins[d] {
                notes.append(DeviceNote(id: d, name: card.name))
            }
        }
        for d in scan.acks where d != me {
            if let ack = try? folder.readAck(of: d) { notes.append(DeviceNote(id: d, seenAt: ack.writtenAt, acknowledged: ack.applied)) }
        }
        try store.noteDevices(notes)
    }

    // MARK: - Publish

    /// Publishes every own Change that no verified own file holds: new ones, and ones whose file
    /// was lost or damaged, one file per run that fits the per-file limits (SPEC §7.2). A range is
    /// published under a name no file in the folder has (the next edition when its plain name is
    /// taken), so nothing is ever overwritten.
    func publish(me: DeviceID, own: OwnFiles, into report: inout SyncReport) throws {
        let localMax = try store.version()[me]
        let taken = Set(own.entries)
        // Own Changes at or below the garbage horizon were removed rightfully (SPEC §3.7).
        let removed = try recordedGarbageHorizon(me: me)
        for run in own.missing(through: localMax) where run.upperBound > removed {
            let missing = max(run.lowerBound, removed + 1)...run.upperBound
            // As signed (SPEC §3.6): Changes healing reads under this id but that were signed
            // under another are that id's, and are left out.
            let changes = try store.signedChanges(of: me, after: missing.lowerBound - 1, limit: Int(clamping: missing.upperBound - missing.lowerBound + 1))
            var consecutive: [[Change]] = []
            for c in changes {
                if let last = consecutive.last?.last, last.seq + 1 == c.seq { consecutive[consecutive.count - 1].append(c) } else { consecutive.append([c]) }
            }
            for run in consecutive.flatMap({ ChangeBatch.split($0) }) {
                let mine = Array(run)
                guard !mine.isEmpty else { continue }
                var entry = ChangeFileEntry(device: me, first: mine.first!.seq, last: mine.last!.seq)
                while taken.contains(entry) { entry.edition += 1 }
                let outcome = try folder.publish(mine, edition: entry.edition)
                report.published += mine.count
                if report.publishedFile == nil, case .changes(let e) = outcome.entry { report.publishedFile = e.relativePath }
                // Keyed by device id: a re-key interrupted before its bookkeeping was reset must not
                // make the new id's first Changes look published already.
                let mark = UInt64(try store.metaValue(Marks.published(me)) ?? "0") ?? 0
                report.republished += mine.count { $0.seq <= mark }
                try store.setMetaValue(Marks.published(me), String(max(mark, mine.last!.seq)))
                // It holds exactly this log's Changes (publish checked any file already under the
                // name): the identity check need not read it back.
                try noteVerifiedOwnFile(entry)
            }
        }
    }

    /// Writes the device card when missing or renamed, and the ack whenever this device's applied
    /// version differs from the one last written (after an import as well as after a publish).
    private func writeCardAndAck(me: DeviceID, scan: FolderScan) throws {
        let name = try store.metaValue("deviceName") ?? "device"
        let cardName = try store.metaValue(Marks.cardName)
        if !scan.deviceCards.contains(me) || cardName != name {
            let created = UInt64(try store.metaValue("created") ?? "0") ?? 0
            try folder.writeDeviceCard(DeviceCard(device: me, name: name, createdAt: created))
            try store.setMetaValue(Marks.cardName, name)
        }
        let version = try store.version()
        let acked = try store.metaValue(Marks.ackedVersion)
        if acked != version.description || !scan.acks.contains(me) {
            try folder.writeAck(Ack(device: me, applied: version, writtenAt: store.environment.now()))
            try store.setMetaValue(Marks.ackedVersion, version.description)
        }
    }
}

/// A conflict's identity, to tell new conflicts from old ones.
struct ConflictKey: Hashable {
    var record: RecordKey
    var field: String
    var kind: Conflict.Kind
    init(_ c: Conflict) {
        record = c.record
        field = c.field
        kind = c.kind
    }
}
