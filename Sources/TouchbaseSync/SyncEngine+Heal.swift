import Foundation
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

extension SyncEngine {
    /// Heals this database's own clash (Protocol/SPEC.md §3.6, "Healing"): the folder holds a
    /// Change `(me, d)` of another copy of this database, and this log holds its own. The history
    /// whose Change `(me, d)` has the smaller digest keeps the id; the other lives on under the
    /// derived id. This copy first publishes its own history under its id (every reader then sees
    /// both and heals alike), then, when its history is the renamed one, goes on under the derived
    /// id with the same signing key.
    ///
    /// - Returns: this database's device id afterwards; nil when the clash is not a fork that can
    ///   heal (the folder's file starts after the fork point, or the log lacks `(me, d)`: a
    ///   database restored from an old backup, which the user re-keys).
    func healOwnClash(_ clash: IdentityClash, me: DeviceID, own: OwnFiles, into report: inout SyncReport) throws -> DeviceID? {
        let d = clash.firstDivergent
        guard d <= (try store.version())[me],
              let entry = own.entries.first(where: { $0.relativePath == clash.file }),
              let theirs = (try? folder.readChanges(entry))?.first(where: { $0.seq == d }),
              let mine = try store.encodedChange(Dot(device: me, seq: d)) else { return nil }
        var base: [UInt8] = []
        if d > 1 {
            guard let before = try store.encodedChange(Dot(device: me, seq: d - 1)) else { return nil }
            base = ChangeBatch.sha256(before)
            guard theirs.prev == base else { return nil }  // not known to share (me, d − 1)
        }
        let heal = ForkHeal(device: me, seq: d, digests: ChangeBatch.sha256(mine), theirs.digest(hash: ChangeBatch.sha256), base: base)
        // Own history first, under this id: the evidence every other reader heals by.
        var open = own
        open.clash = nil
        try publish(me: me, own: open, into: &report)
        var map = try store.forkHealMap()
        map.add(heal)
        report.healed.append(heal)
        let key = try DeviceKeyFile.loadOrCreate(for: store)
        let outcome = try store.heal(&map)
        if outcome.device != me {
            // The renamed history goes on under the derived id, signed by the same key.
            try DeviceKeyFile.adopt(key, for: outcome.device, nextTo: store.path)
            try SyncEngine.forgetFolderNotes(in: store, device: me)
            try store.setMetaValue(SyncEngine.checkedFilesKey(me), nil)
            report.renamedTo = outcome.device
        }
        try pinDerivedIDs(map)
        return outcome.device
    }

    /// Pins, for every healed fork, the derived id to the key pinned for the forked id: the
    /// renamed history was signed by that key, and its author goes on signing with it. A heal
    /// comes only from two Changes that key signed, so no member can make a reader pin (or
    /// re-pin) a derived id to another key.
    func pinDerivedIDs(_ map: ForkHealMap) throws {
        guard !map.isEmpty else { return }
        let pins = try store.pinnedKeys()
        let now = store.environment.now()
        for h in map.heals {
            guard let key = pins[h.device]?.publicKey else { continue }
            if let current = pins[h.derived]?.publicKey {
                if current != key { try store.rotateKey(of: h.derived, from: current, to: key, at: now) }
            } else {
                try store.pinKey(key, for: h.derived, at: now)
            }
        }
    }

    /// The heal a difference shows: a file's Change `c` of `device` differs from the applied
    /// `(device, c.seq)`, and both continue the same `(device, c.seq − 1)` (so `c.seq` is the fork
    /// point). Nil when the file's Change does not show where the histories part.
    static func exactHeal(_ c: Change, chain: inout ChainView) throws -> ForkHeal? {
        guard let applied = try chain.link(c.dot) else { return nil }
        var base: [UInt8] = []
        if c.seq > 1 {
            guard let before = try chain.link(Dot(device: c.device, seq: c.seq - 1)), c.prev == before.digest else { return nil }
            base = before.digest
        }
        return ForkHeal(device: c.device, seq: c.seq, digests: applied.digest, c.digest(hash: ChangeBatch.sha256), base: base)
    }

    /// The first Change of `changes` that this database applied with other content, as healing
    /// reads them: a renamed history's Changes are not compared under their old place (they are
    /// read under the derived id), and a Change stored in healed form compares by that form.
    static func healedDifference(in changes: [Change], applied version: VersionVector,
                                 chain: inout ChainView, map: inout ForkHealMap) throws -> Change? {
        guard !map.isEmpty else { return try chain.firstDifference(in: changes, applied: version) }
        for c in changes {
            let digest = c.digest(hash: ChangeBatch.sha256)
            if map.renaming(c, digest: digest) != nil {
                _ = map.transform(c)
                continue
            }
            guard version.contains(c.dot), let l = try chain.link(c.dot) else { continue }
            if l.digest != (map.target(of: digest)?.digest ?? digest) { return c }
        }
        return nil
    }
}

extension SyncEngine {
    /// Takes in the heals `map` learned from index `first` on: reports them, forgets their forks,
    /// derives the state again from the healed log, pins the derived ids, and has the forked
    /// devices' files read again under the heal.
    func learnHeals(_ map: inout ForkHealMap, from first: Int, forks: inout ForkNotes, into report: inout SyncReport) throws {
        let new = Array(map.heals[first...])
        // Links checked against what this database applied may name healed forms it did not know:
        // such evidence is checked again from the healed log (file comparisons stay).
        for e in forks.all where e.kind != .contentDiffers { forks.remove(e.device) }
        for h in new {
            report.healed.append(h)
            forks.remove(h.device)
            try store.setMetaValue(SyncEngine.checkedFilesKey(h.device), nil)
        }
        try forks.save(to: store)
        let me = try store.device
        let key = try DeviceKeyFile.loadOrCreate(for: store)
        let outcome = try store.heal(&map)
        if outcome.device != me {
            try DeviceKeyFile.adopt(key, for: outcome.device, nextTo: store.path)
            try SyncEngine.forgetFolderNotes(in: store, device: me)
            report.renamedTo = outcome.device
        }
        try pinDerivedIDs(map)
    }
}
