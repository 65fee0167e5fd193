import Foundation
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

/// What the shared folder holds of this device's own Changes, each own file checked against the log.
struct OwnFiles {
    /// Set when a verified own file holds a Change the log lacks or holds differently.
    var clash: IdentityClash?
    /// The ranges of own files that verified and match the log.
    var covered: [ClosedRange<UInt64>] = []
    /// Every own changes file the scan listed, verified or not: names a publish must not reuse.
    var entries: [ChangeFileEntry] = []

    /// The runs of `1...last` that no verified own file holds, in order.
    func missing(through last: UInt64) -> [ClosedRange<UInt64>] {
        var runs: [ClosedRange<UInt64>] = []
        var next: UInt64 = 1
        for r in covered.sorted(by: { $0.lowerBound < $1.lowerBound }) where r.upperBound >= next {
            if r.lowerBound > next { runs.append(next...min(r.lowerBound - 1, last)) }
            next = r.upperBound == .max ? .max : r.upperBound + 1
            if next > last { break }
        }
        if next <= last { runs.append(next...last) }
        return runs.filter { $0.lowerBound <= last }
    }
}

extension SyncEngine {
    /// Checks this device's own files in the folder against the local log: finds Changes published
    /// under this device id that the log lacks or holds differently (the sign of a copied database
    /// or one restored from an old backup), and which own Changes the folder holds intact.
    ///
    /// Only a file that verifies is evidence, either way: a damaged or empty one neither proves a
    /// copy nor counts as published. A file that verified once is remembered with its fingerprint
    /// as the scan listed it (``FileFingerprint``), so a quiet sync does not read it again, yet a
    /// file whose content was swapped under the same name (a sync tool keeping the other copy's
    /// version) or written in place is read again.
    func checkOwnFiles(_ scan: FolderScan, me: DeviceID, healing loaded: ForkHealMap) throws -> OwnFiles {
        var own = OwnFiles(entries: scan.changeFiles(of: me))
        let known = try verifiedOwnFiles()
        guard !own.entries.isEmpty else {
            if !known.isEmpty { try noteVerifiedOwnFiles([:]) }
            return own
        }
        let localMax = try store.version()[me]
        var verified: [String: FileFingerprint] = [:]
        let prints = scan.fingerprints(own.entries)
        // A healed fork's renamed history under this id is another device's now (SPEC §3.6).
        var healing = loaded
        for entry in own.entries.sorted() {
            let path = entry.relativePath
            // Gone since the scan, or unreadable: no evidence of anything.
            guard let print = prints[entry] else { continue }
            // Not the racy rule (FileFingerprint.vouches): an own file read again after a heal
            // rewrote the links of its Changes in the log would no longer match the log (SPEC §3.6),
            // so an own file is read again only once its version moved.
            if entry.last <= localMax, let note = known[path], note.isSameVersion(as: print) {
                own.covered.append(entry.range)
                verified[path] = note
                continue
            }
            let published: [Change]
            do { published = try folder.readChanges(entry) } catch { continue }  // damaged or still arriving
            var divergent: UInt64?
            var renamed = false, unplaced = false
            for c in published {
                // Compared as signed: a Change stored in healed form keeps its original.
                let local = c.seq > localMax ? nil : healing.isEmpty ? try store.encodedChange(c.dot) : try store.originalEncoding(c.dot)
                if local != ChangeCodec.encode([c]) {
                    if !healing.isEmpty, healing.transform(c).device != c.device {
                        renamed = true
                        continue
                    }
                    if !healing.isEmpty, let p = c.prev, c.seq > 1,
                       try store.originalDigest(healing.placed(p) ?? Dot(device: me, seq: c.seq - 1)) != p {
                        // It continues a Change this database has not met yet, which healing may
                        // read elsewhere: no evidence yet (read again once that Change arrives).
                        unplaced = true
                        break
                    }
                    divergent = c.seq
                    break
                }
            }
            if (renamed || unplaced) && divergent == nil { continue }  // neither a clash nor this history's
            if let d = divergent {
                if own.clash == nil || d < own.clash!.firstDivergent { own.clash = IdentityClash(firstDivergent: d, file: path) }
            } else {
                own.covered.append(entry.range)
                verified[path] = print
            }
        }
        if verified != known { try noteVerifiedOwnFiles(verified) }
        return own
    }

    /// Gives this database a new device id after an identity clash, keeping every local edit;
    /// the next sync imports the other copy's Changes and publishes this one's under the new id.
    ///
    /// Re-issued under the new id are the own Changes from the first one the folder does not hold
    /// intact: those that clash, and those no verified file holds (only this copy may have them,
    /// and no other device could ever receive them under the old id).
    public func rekey() throws -> DeviceID {
        let me = try store.device
        let scan = try folder.scan()
        var report = SyncReport()
        let engine = try withSignatures(scan, me: me, into: &report)
        // Own files this device's pinned key did not sign are forgeries, no evidence; and when the
        // key file was lost, what the old id never published counts as missing, so it moves too.
        let own = try engine.checkOwnFiles(try engine.withoutForgeries(scan, me: me), me: me, healing: try store.forkHealMap())
        let localMax = try store.version()[me]
        // Own Changes at or below the garbage horizon left the folder rightfully (SPEC §3.7): not missing.
        let removed = try recordedGarbageHorizon(me: me)
        var cut = own.missing(through: localMax).first { $0.upperBound > removed }.map { max($0.lowerBound, removed + 1) }
        if let clash = own.clash { cut = min(cut ?? .max, clash.firstDivergent) }
        let new = try store.rekey(firstDivergent: cut)
        try SyncEngine.forgetFolderNotes(in: store, device: me)
        // A new device id gets a new signing key (Protocol/SPEC.md, "Pinned keys": re-key).
        try DeviceKeyFile.create(for: new, nextTo: store.path)
        return new
    }
}
