import Foundation
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

extension SyncEngine {
    /// Looks for Changes published under this device id that the local log lacks or holds
    /// differently: the sign of a copied database or one restored from an old backup.
    ///
    /// Each of this device's files is compared once; files already checked are remembered by name.
    func checkIdentity(_ scan: FolderScan, me: DeviceID) throws -> IdentityClash? {
        let mine = scan.changeFiles(of: me)
        guard !mine.isEmpty else { return nil }
        let localMax = try store.version()[me]
        let checked = Set((try store.metaValue(Marks.verifiedOwnFiles) ?? "").split(separator: "\n").map(String.init))
        var clash: IdentityClash?
        var newlyChecked: [String] = []
        for entry in mine {
            if entry.last > localMax {
                // The file reaches past the local log; where it overlaps the log, the copies may
                // already differ (the other copy made more edits since the split, in one file).
                var first = max(entry.first, localMax + 1)
                if entry.first <= localMax {
                    if let published = try? folder.readChanges(entry) {
                        for c in published where c.seq <= localMax {
                            if try store.encodedChange(c.dot) != ChangeCodec.encode([c]) { first = c.seq; break }
                        }
                    } else {
                        first = entry.first  // unreadable for now: assume the worst (re-issuing loses nothing)
                    }
                }
                if clash == nil || first < clash!.firstDivergent { clash = IdentityClash(firstDivergent: first, file: entry.relativePath) }
                continue
            }
            guard !checked.contains(entry.relativePath) else { continue }
            let published: [Change]
            do { published = try folder.readChanges(entry) } catch { continue }  // damaged: looked at next time
            var same = true
            for c in published {
                if try store.encodedChange(c.dot) != ChangeCodec.encode([c]) {
                    same = false
                    if clash == nil || c.seq < clash!.firstDivergent { clash = IdentityClash(firstDivergent: c.seq, file: entry.relativePath) }
                    break
                }
            }
            if same { newlyChecked.append(entry.relativePath) }
        }
        try noteVerifiedOwnFiles(newlyChecked)
        return clash
    }

    /// Gives this database a new device id after an identity clash, keeping every local edit;
    /// the next sync imports the other copy's Changes and publishes this one's under the new id.
    public func rekey() throws -> DeviceID {
        let me = try store.device
        let scan = try folder.scan()
        var report = SyncReport()
        let engine = try withSignatures(scan, me: me, into: &report)
        let clash = try engine.checkIdentity(try engine.withoutForgeries(scan, me: me), me: me)
        var firstDivergent = clash?.firstDivergent
        if report.signingKeyReplaced {
            // The old id's key is gone: what it never published can only live on under the new id.
            let published = scan.highestPublished(of: me)
            if try store.version()[me] > published { firstDivergent = min(firstDivergent ?? .max, published + 1) }
        }
        let new = try store.rekey(firstDivergent: firstDivergent)
        try SyncEngine.forgetFolderNotes(in: store, device: me)
        // A new device id gets a new signing key (Protocol/SPEC.md, "Pinned keys": re-key).
        try DeviceKeyFile.create(for: new, nextTo: store.path)
        return new
    }
}
