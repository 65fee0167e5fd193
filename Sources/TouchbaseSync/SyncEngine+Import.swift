import Foundation
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

extension SyncEngine {
    /// For each id a heal names, the first sequence number from which healing may read its
    /// Changes elsewhere: the forked id's lowest fork point, and 1 for a derived id.
    static func healedFrom(_ healing: ForkHealMap) -> [DeviceID: UInt64] {
        var from: [DeviceID: UInt64] = [:]
        for h in healing.heals {
            from[h.device] = min(from[h.device] ?? .max, h.seq)
            from[h.derived] = 1
        }
        return from
    }

    /// Imports what other devices published, streaming, in time linear in the number of files read
    /// and memory bounded by about one file per device plus one batch (Protocol/SPEC.md §14):
    ///
    /// - A device's next file is read only once every Change read from it so far went through the
    ///   gates, and only when that file holds the device's next Change. So a device whose files
    ///   start after a gap, or whose head Change waits on another device, costs nothing more
    ///   however many files follow: they can only apply after that head.
    /// - Why a device waits is remembered between syncs (``WaitNotes``): its file is not decoded
    ///   again until the Change it waits on has been applied.
    /// - Changes whose gates are open are applied in batches of ``batchSize``, each one transaction.
    ///
    /// - Returns: true when it learned a heal that changed what was applied (Protocol/SPEC.md §3.6,
    ///   "Healing"): the caller syncs again on the healed state.
    @discardableResult
    func importChanges(_ scan: FolderScan, me: DeviceID, healing loaded: ForkHealMap, own: OwnFiles? = nil,
                       into report: inout SyncReport) throws -> Bool {
        for folder in scan.unreadable { report.damaged.append((folder.relativePath, folder.reason)) }
        var version = try store.version()
        // The clash gate: a Change built on this device id's Changes from the first divergent one
        // on saw the other copy's history, not this log's; it waits (for the re-key) instead.
        if let clash = report.identityClash { version[me] = min(version[me], clash.firstDivergent - 1) }
        // Forks (SPEC §3.6): the files of Changes already applied are compared once per version,
        // and every Change's links are checked before it passes the gates.
        var chain = ChainView(store: store)
        var forks = try ForkNotes.load(from: store)
        let forksBefore = forks
        var healing = loaded
        chain.healed = !healing.isEmpty
        let healsBefore = healing.heals.count
        // A fork a heal explains (the histories part at the heal's point or later) is over.
        for e in forks.all where healing.heals.contains(where: { $0.device == e.device && $0.seq <= e.seq }) { forks.remove(e.device) }
        try checkAppliedFiles(scan, me: me, version: version, chain: &chain, forks: &forks, healing: &healing)
        if healing.heals.count > healsBefore {
            // A heal learned from Changes already applied: derive the state again, then start over.
            // (A sync stopped here learns it again next time: the file that showed it is not noted
            // as checked until the heal is stored.)
            if shouldStop?() == true { throw CancellationError() }
            try learnHeals(&healing, from: healsBefore, forks: &forks, me: me, own: own, into: &report)
            return true
        }
        // Devices whose renamed history is read from their files again (under the derived id).
        // A derived id's own Changes are read elsewhere too once a fork of its history heals.
        let healedFrom = SyncEngine.healedFrom(healing)
        var healChecked: [DeviceID: [String: FileFingerprint]] = [:]
        for d in healedFrom.keys { healChecked[d] = try checkedFiles(of: d) }
        let healPrints = scan.fingerprints(scan.changeFiles.filter { healedFrom[$0.device] != nil })
        /// Whether a file of a healed device may hold a renamed Change not read yet.
        func healSource(_ entry: ChangeFileEntry) -> Bool {
            guard let from = healedFrom[entry.device], entry.last >= from, entry.relayer == nil else { return false }
            guard let print = healPrints[entry] else { return false }
            return healChecked[entry.device]?[entry.relativePath]?.vouches(for: print) != true
        }
        var readFiles: [ChangeFileEntry] = []
        /// What each read file of chained Changes must have applied to be noted as read: its last
        /// Change as signed (each Change links the one before, so the rest follows). A file of
        /// unchained Changes (an older format) is noted as read, as before: nothing links them.
        var mustApply: [ChangeFileEntry: (dot: Dot, digest: [UInt8])] = [:]
        var queues: [DeviceID: ArraySlice<ChangeFileEntry>] = [:]
        for entry in (scan.changeFiles + scan.relayFiles).sorted()
        where (entry.device != me && entry.last > version[entry.device]) || healSource(entry) {
            guard ChangeBatch.rangeIsWithinLimits(first: entry.first, last: entry.last) else {
                // Refused by its name alone: never read (SPEC §7.2).
                report.damaged.append((entry.relativePath, "too large: more than \(ChangeCodec.Limits.file.maxChanges) changes in one file"))
                continue
            }
            queues[entry.device, default: []].append(entry)
        }
        var devices = queues.keys.sorted()
        let total = queues.values.reduce(0) { $0 + $1.count }
        let notesBefore = try WaitNotes.load(from: store)
        var notes = notesBefore
        var done = 0
        /// Changes read but not through the gates yet, per device, in sequence order.
        var held: [DeviceID: ArraySlice<Change>] = [:]
        /// The file each device's held Changes came from.
        var heldFile: [DeviceID: String] = [:]
        var ready: [EncodedChange] = []
        var seen = Set<DeviceID>()
        /// The authors' signatures of the files read, kept to relay them later (SPEC §11.2).
        var signatures: [StoredSignature] = []

        /// Whether reading the next file of `device` can make progress.
        /// The renamed Changes each file of a healed device gave, to note the file as read only once
        /// they all applied.
        var renamedFrom: [ChangeFileEntry: [(dot: Dot, original: [UInt8])]] = [:]
        /// The originals (as signed) of the held Changes read elsewhere, by their healed form's digest.
        var originalOf: [[UInt8]: Change] = [:]
        /// Set once a heal is learned: nothing more is applied before the log is healed again.
        var learned = false
        func canLoad(_ device: DeviceID) -> Bool {
            // A healed device's files hold Changes of several lines: one of its Changes that waits
            // may wait on another line's Changes that only its later files hold, so it reads on.
            if healedFrom[device] != nil { return queues[device]?.isEmpty == false }
            if let head = held[device]?.first, head.seq > version[device] + 1 {
                // Renamed Changes read ahead of this device's own files: read on.
            } else if let waiting = held[device]?.last {
                // A Change waits: a file that holds its sequence number too is read still, since it
                // may hold another Change continuing the same one (a fork point, SPEC §3.6).
                while let e = queues[device]?.first, e.last <= version[device] { queues[device]!.removeFirst() }
                guard let entry = queues[device]?.first else { return false }
                return entry.first <= waiting.seq
            }
            while let e = queues[device]?.first, e.last <= version[device] { queues[device]!.removeFirst() }
            guard let entry = queues[device]?.first, entry.first <= version[device] + 1 else { return false }
            if let note = notes[device], note.file == entry.relativePath, note.seq == version[device] + 1,
               !version.contains(note.needs) { return false }
            return true
        }
        /// Reads the next file of `device` into `held`.
        func load(_ device: DeviceID) {
            guard let entry = queues[device]?.popFirst() else { return }
            progress?(done, total)
            done += 1
            do {
                let (changes, signature) = try folder.readSignedChanges(entry)
                if let signature { signatures.append(StoredSignature(signature)) }
                seen.insert(device)
                // This history's own Changes are never imported; those healing reads under
                // another id are compared like any other device's.
                let compared = device == me ? changes.filter { healing.transform($0).device != me } : changes
                if let (c, place) = try SyncEngine.healedDifference(in: compared, applied: version, chain: &chain, map: &healing) {
                    // Another history of this device: nothing of this file is applied. The
                    // device's other files are still read: a Change that continues what was
                    // applied (its link says so) still applies. Where the file shows the fork
                    // point, the fork heals (SPEC §3.6), and nothing more is applied before the
                    // log is healed.
                    if let h = try exactHeal(c, at: place, chain: &chain), healing.add(h) {
                        learned = true
                        return
                    }
                    // A seeded reader holds no Change to compare at the fork point (only the
                    // digest of its snapshot's head): the device's files are compared with one
                    // another (SPEC §3.6).
                    if try store.originalEncoding(place) == nil, try store.appliedDigest(place) != nil,
                       case .heals(let heals)? = fileSiblings(of: device, upTo: version[device], scan: scan) {
                        for h in heals where healing.add(h) { learned = true }
                        if learned { return }
                    }
                    forks.note(ForkEvidence(device: device, seq: c.seq, kind: .contentDiffers, file: entry.relativePath))
                    return
                }
                var kept = changes
                if !healing.isEmpty {
                    // A renamed history's Changes are read under the derived id (SPEC §3.6).
                    kept = []
                    var renamed: [(dot: Dot, original: [UInt8])] = []
                    for c in changes {
                        let r = healing.transform(c)
                        guard r.device != c.device else {
                            kept.append(c)
                            continue
                        }
                        renamed.append((r.dot, c.digest(hash: ChangeBatch.sha256)))
                        originalOf[r.digest()] = c
                        hold([r], of: r.device, from: entry.relativePath)
                    }
                    if healedFrom[device] != nil || !renamed.isEmpty { renamedFrom[entry] = renamed }
                    if device == me {
                        // This history's own: never imported. A Change here that continues a
                        // Change not met yet may be read elsewhere once that one arrives: the file
                        // is read again then.
                        let unsettled = try kept.contains { c in
                            guard let p = c.prev, c.seq > 1 else { return false }
                            return try p != chain.link(healing.placed(p) ?? Dot(device: me, seq: c.seq - 1))?.digest
                        }
                        if unsettled { renamedFrom[entry, default: []].append((Dot(device: me, seq: .max), [])) }
                        kept = []
                    }
                }
                if renamedFrom[entry] == nil {
                    readFiles.append(entry)
                    if let last = changes.last, changes.allSatisfy(\.isChained) {
                        mustApply[entry] = (last.dot, last.digest(hash: ChangeBatch.sha256))
                    }
                }
                hold(kept.filter { !version.contains($0.dot) }, of: device, from: entry.relativePath)
            } catch let e as ExchangeError where e.code == .newerMajorVersion {
                report.newerFormat.append(entry.relativePath)
            } catch let e as ExchangeError where e.isRejectedSignature {
                report.rejected.append(RejectedFile(path: entry.relativePath, device: device, code: e.code, reason: e.detail))
            } catch let e as ExchangeError where e.code == .signerUnknown {
                report.waitingForCard.append(entry.relativePath)
            } catch let e as ExchangeError where e.code == .unsigned {
                report.unsigned.append(entry.relativePath)
            } catch let e as ExchangeError where e.isStillArrivingOrDamaged {
                report.damaged.append((entry.relativePath, e.errorDescription ?? e.code.rawValue))
            } catch {
                report.damaged.append((entry.relativePath, "\(error)"))
            }
        }
        /// Adds Changes of `device` to those held, in sequence order.
        /// Two Changes at one sequence number that continue the same Change, from two verified files,
        /// show the fork point, though neither is applied: a heal is learned from them.
        func hold(_ changes: [Change], of device: DeviceID, from file: String) {
            var all = Array(held[device] ?? []) + changes.filter { !version.contains($0.dot) }
            all.sort { $0.seq < $1.seq }
            var kept: [Change] = []
            kept.reserveCapacity(all.count)
            for c in all {
                guard let last = kept.last, last.seq == c.seq else {
                    kept.append(c)
                    continue
                }
                if last != c, let h = SyncEngine.siblingHeal(originalOf[last.digest()] ?? last, originalOf[c.digest()] ?? c), healing.add(h) {
                    learned = true
                }
            }
            held[device] = kept[...]
            heldFile[device] = file
            if !devices.contains(device) {
                devices.append(device)
                devices.sort()
            }
        }
        /// Passes every held Change whose gates are open, device after device, until none moves.
        func drain() throws {
            var moved = true
            while moved {
                moved = false
                for device in devices {
                    guard var queue = held[device], !queue.isEmpty else { continue }
                    while let first = queue.first {
                        // Links that name a Change a heal moved name it where it is (SPEC §3.6).
                        var c = first
                        var original: Change?
                        if !healing.isEmpty {
                            let o = originalOf[first.digest()] ?? first
                            c = healing.transform(o)
                            original = o
                            if c.device != device {
                                // Read elsewhere since it was held: held there.
                                queue.removeFirst()
                                originalOf[c.digest()] = o
                                held[device] = queue
                                hold([c], of: c.device, from: heldFile[device] ?? "")
                                moved = true
                                continue
                            }
                        }
                        if version.contains(c.dot) {
                            report.duplicates += 1
                        } else if c.isReady(given: version) {
                            // A Change that may rest on the other history of a forked device waits.
                            if SyncEngine.heldByFork(c, forks: forks) != nil { break }
                            if let e = try chain.fork(of: c, file: heldFile[device] ?? "") {
                                forks.note(e)
                                // It does not continue its own device's history as applied:
                                // nothing more of its file; the device's next file is read.
                                if e.device == device { queue = [] }
                                break
                            }
                            if let o = original, o != c, let e = try chain.lineDependency(of: o, readAs: c, map: healing, file: heldFile[device] ?? "") {
                                forks.note(e)
                                break
                            }
                            if let o = original, o != c {
                                ready.append(chain.noteReady(c, original: o.digest(hash: ChangeBatch.sha256)))
                                healing.noteStored(o, as: c)
                            } else {
                                ready.append(chain.noteReady(c))
                            }
                            version[device] = c.seq
                            moved = true
                        } else {
                            break
                        }
                        queue.removeFirst()
                    }
                    held[device] = queue
                }
            }
        }
        func flush() throws {
            guard !ready.isEmpty else { return }
            // The originals first: a healed form is never stored without its original.
            if !healing.added.isEmpty { try store.saveForkHealMap(&healing) }
            let result = try store.apply(ready)
            chain.stored()
            for dot in result.applied { report.imported[dot.device, default: 0] += 1 }
            report.duplicates += result.duplicates
            ready = []
        }

        while true {
            try drain()
            if ready.count >= batchSize { try flush() }
            var loaded = false
            for device in devices where canLoad(device) {
                load(device)
                loaded = true
            }
            if !loaded || learned { break }
            if shouldStop?() == true {
                try flush()
                throw CancellationError()
            }
        }
        // A heal learned here is stored only with its consequences (``learnHeals``), never by an
        // apply that a kill could separate from them: what passed the gates is read again after it.
        if learned { ready.removeAll() }
        try flush()
        try store.keepSignatures(signatures)
        if total > 0 { progress?(total, total) }

        // What still waits, and why (remembered for the next sync). A Change held back only by the
        // clash gate waits for the re-key, and is reported so.
        func noteWaiting(_ dot: Dot, _ missing: [Dot]) {
            if report.identityClash != nil && missing.contains(where: { $0.device == me }) {
                report.heldByClash.append(dot)
            } else {
                report.waiting[dot] = missing
            }
        }
        for device in devices {
            if let queue = held[device], let head = queue.first {
                for c in queue {
                    let missing = c.missing(given: version)
                    // Gates open, yet held: by a fork (SPEC §3.6).
                    if missing.isEmpty { report.heldByFork.append(c.dot) } else { noteWaiting(c.dot, missing) }
                }
                if let needs = head.missing(given: version).first, let file = heldFile[device] {
                    notes[device] = WaitNotes.Note(file: file, seq: head.seq, needs: needs)
                }
            } else if let entry = queues[device]?.first {
                let next = Dot(device: device, seq: version[device] + 1)
                if let note = notes[device], note.seq == next.seq, note.file == entry.relativePath, !version.contains(note.needs) {
                    noteWaiting(next, [note.needs])
                } else {
                    // A gap: the device's next Change is in no file here (lost, damaged or not arrived).
                    noteWaiting(Dot(device: device, seq: max(entry.first, next.seq)), [next])
                    notes[device] = nil
                }
            } else {
                notes[device] = nil
            }
        }
        for device in notes.devices where queues[device] == nil { notes[device] = nil }
        if notes != notesBefore { try notes.save(to: store) }
        // A healed device's file is read once all the renamed Changes it gave have applied.
        // (Applied as read: a sibling read at the same place is compared when the file is read again.)
        chain.stored()
        for (entry, renamed) in renamedFrom where try renamed.allSatisfy({ try version.contains($0.dot) && chain.link($0.dot)?.digest == $0.original }) {
            readFiles.append(entry)
        }
        // Noted only when every Change read went through: after a heal is learned, healing may
        // read them elsewhere, and the next round reads them again. A file whose Changes did not
        // all apply as it holds them (held by a fork's evidence, waiting, or another history's
        // applied in their place) is not noted: once its range is applied it is compared with
        // what was (``checkAppliedFiles``), which is where another history shows.
        if !learned {
            let through = try readFiles.filter { e in
                guard let last = mustApply[e] else { return true }
                return try version.contains(last.dot) && chain.link(last.dot)?.digest == last.digest
            }
            try noteCheckedFiles(through, listed: scan)
        }
        if healing.heals.count > healsBefore {
            // A safe place to stop: nothing of the heal is stored yet.
            if shouldStop?() == true { throw CancellationError() }
            try learnHeals(&healing, from: healsBefore, forks: &forks, me: me, own: own, into: &report)
        } else if !healing.added.isEmpty {
            try store.saveForkHealMap(&healing)
        }
        if !learned { forks.forgetUnmetEvidence(healedFrom: healedFrom) }
        if forks != forksBefore { try forks.save(to: store) }
        report.forks = forks.all
        report.newForks = forks.all.filter { forksBefore[$0.device] != $0 }
        try store.noteDevices(seen.map { DeviceNote(id: $0, seenAt: store.environment.now()) })
        return healing.heals.count > healsBefore
    }
}
