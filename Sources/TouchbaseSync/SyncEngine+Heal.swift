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
    func healOwnClash(_ clash: IdentityClash, me: DeviceID, own: OwnFiles, healing: ForkHealMap,
                      into report: inout SyncReport) throws -> DeviceID? {
        let d = clash.firstDivergent
        guard d <= (try store.version())[me],
              let entry = own.entries.first(where: { $0.relativePath == clash.file }),
              let theirs = (try? folder.readChanges(entry))?.first(where: { $0.seq == d }),
              let mineData = try store.originalEncoding(Dot(device: me, seq: d)),
              let mine = try ChangeCodec.decode(mineData).first else { return nil }
        if d > 1 {
            // Both must continue the same (me, d − 1), named by its digest as signed.
            guard let base = try store.originalDigest(Dot(device: me, seq: d - 1)), theirs.prev == base, mine.prev == base else { return nil }
        } else {
            guard theirs.prev == nil, mine.prev == nil else { return nil }
        }
        let mineDigest = ChangeBatch.sha256(mineData), theirDigest = theirs.digest(hash: ChangeBatch.sha256)
        let heal = mineDigest.lexicographicallyPrecedes(theirDigest)
            ? ForkHeal(head: theirs, digest: theirDigest) : ForkHeal(head: mine, digest: mineDigest)
        // Own history first, under this id: the evidence every other reader heals by.
        var open = own
        open.clash = nil
        try publish(me: me, own: open, into: &report)
        var map = healing
        map.add(heal)
        report.healed.append(heal)
        try forgetReads(map)
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

    /// Forgets which files of the ids `map`'s heals touch were read, and what Changes waited on:
    /// healing may read their Changes elsewhere now, so those files are read again.
    func forgetReads(_ map: ForkHealMap) throws {
        try store.setMetaValue(WaitNotes.metaKey, nil)
        for d in Set(map.heals.map(\.device) + map.heals.map(\.derived)) {
            try store.setMetaValue(SyncEngine.checkedFilesKey(d), nil)
        }
    }

    /// Pins, for every healed fork, the derived id to the key pinned for the forked id: the
    /// renamed history was signed by that key, and its author goes on signing with it. A heal
    /// comes only from two Changes that key signed, so no member can make a reader pin (or
    /// re-pin) a derived id to another key.
    func pinDerivedIDs(_ map: ForkHealMap) throws {
        guard !map.isEmpty else { return }
        var pins = try store.pinnedKeys().mapValues(\.publicKey)
        let now = store.environment.now()
        // A heal of a derived id's history takes its key from that id's pin: in turn.
        for _ in 0..<map.heals.count {
            var changed = false
            for h in map.heals {
                guard let key = pins[h.device], pins[h.derived] != key else { continue }
                if let current = pins[h.derived] {
                    try store.rotateKey(of: h.derived, from: current, to: key, at: now)
                } else {
                    try store.pinKey(key, for: h.derived, at: now)
                }
                pins[h.derived] = key
                changed = true
            }
            if !changed { break }
        }
    }

    /// The heal a difference shows: a file's Change `c` (as signed) is read at `place`, where this
    /// database applied another Change, and both continue the same Change (the same `prev`, or
    /// none at sequence number 1 of the line): the larger digest is the renamed head. Nil when
    /// the file's Change does not show where the histories part.
    func exactHeal(_ c: Change, at place: Dot, chain: inout ChainView) throws -> ForkHeal? {
        guard let applied = try chain.link(place),
              let data = try store.originalEncoding(place), let other = try ChangeCodec.decode(data).first else { return nil }
        if place.seq > 1 {
            guard let before = try chain.link(Dot(device: place.device, seq: place.seq - 1)), c.prev == before.digest, other.prev == before.digest else { return nil }
        } else {
            guard c.prev == nil, other.prev == nil else { return nil }
        }
        let digest = c.digest(hash: ChangeBatch.sha256)
        guard digest != applied.digest else { return nil }
        return applied.digest.lexicographicallyPrecedes(digest) ? ForkHeal(head: c, digest: digest) : ForkHeal(head: other, digest: applied.digest)
    }

    /// The first Change of `changes` (as signed) whose place, as healing reads it, holds another
    /// Change in this database, with that place.
    static func healedDifference(in changes: [Change], applied version: VersionVector,
                                 chain: inout ChainView, map: inout ForkHealMap) throws -> (change: Change, place: Dot)? {
        guard !map.isEmpty else { return try chain.firstDifference(in: changes, applied: version).map { ($0, $0.dot) } }
        for c in changes {
            let digest = c.digest(hash: ChangeBatch.sha256)
            let place = map.transform(c).dot
            guard version.contains(place), let l = try chain.link(place) else { continue }
            if l.digest != digest { return (c, place) }
        }
        return nil
    }
}

extension SyncEngine {
    /// Takes in the heals `map` learned from index `first` on: reports them, forgets their forks,
    /// derives the state again from the healed log, pins the derived ids, and has the forked
    /// devices' files read again under the heal. This device's own Changes that no file holds are
    /// published first, under its id (`own`: its files), as they were signed: healing may read
    /// them under another id, where it publishes only what it signs there (SPEC §3.6).
    func learnHeals(_ map: inout ForkHealMap, from first: Int, forks: inout ForkNotes, me: DeviceID, own: OwnFiles?,
                    into report: inout SyncReport) throws {
        if let own, own.clash == nil, report.identityClash == nil, !report.signingKeyReplaced {
            try publish(me: me, own: own, into: &report)
        }
        let new = Array(map.heals[first...])
        // Links checked against what this database applied may name healed forms it did not know:
        // such evidence is checked again from the healed log (file comparisons stay).
        for e in forks.all where e.kind != .contentDiffers { forks.remove(e.device) }
        for h in new {
            report.healed.append(h)
            forks.remove(h.device)
        }
        try forgetReads(map)
        try forks.save(to: store)
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
