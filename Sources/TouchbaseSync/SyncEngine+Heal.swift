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
        let outcome = try healStore(&map)
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

    /// The heal two Changes (as signed) show when they are different Changes at one place that
    /// continue the same Change (the same `prev`, or none at sequence number 1): the larger digest is
    /// the renamed head. Both came from verified files, so neither needs to be applied.
    static func siblingHeal(_ a: Change, _ b: Change) -> ForkHeal? {
        guard a.device == b.device, a.seq == b.seq, a.prev == b.prev, (a.seq == 1) == (a.prev == nil) else { return nil }
        let da = a.digest(hash: ChangeBatch.sha256), db = b.digest(hash: ChangeBatch.sha256)
        guard da != db else { return nil }
        return ForkHeal(device: a.device, seq: a.seq, digests: da, db, base: a.prev ?? [])
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
        // Evidence was checked against the log as it was read before: it is checked again from the
        // healed log (links when their Changes come again, files compared again), since where
        // healing reads a Change may have changed.
        for e in forks.all {
            forks.remove(e.device)
            try store.setMetaValue(SyncEngine.checkedFilesKey(e.device), nil)
        }
        for h in new {
            report.healed.append(h)
            forks.remove(h.device)
        }
        try forgetReads(map)
        try forks.save(to: store)
        let key = try DeviceKeyFile.loadOrCreate(for: store)
        let outcome = try healStore(&map)
        if outcome.device != me {
            try DeviceKeyFile.adopt(key, for: outcome.device, nextTo: store.path)
            try SyncEngine.forgetFolderNotes(in: store, device: me)
            report.renamedTo = outcome.device
        }
        try pinDerivedIDs(map)
    }
}

extension SyncEngine {
    /// Publishes again, under the id they were signed under, this device's own Changes that healing
    /// reads under its derived id and that no verified file of that id holds (Protocol/SPEC.md
    /// §3.6, "The copies", and §3.5): this copy is their only author left. They are published as
    /// signed, in the next free edition; readers read them under the heal.
    func republishRenamed(_ scan: FolderScan, me: DeviceID, healing: ForkHealMap, into report: inout SyncReport) throws {
        guard !healing.isEmpty, healing.heals.contains(where: { $0.derived == me }) else { return }
        // Read elsewhere than signed: a prefix of this id's history.
        var originals: [DeviceID: [Change]] = [:]
        var after: UInt64 = 0
        scanning: while true {
            let chunk = try store.changes(of: me, after: after, limit: 256)
            for c in chunk {
                guard let data = try store.originalEncoding(c.dot), let o = try ChangeCodec.decode(data).first, o.device != me else { break scanning }
                originals[o.device, default: []].append(o)
            }
            guard let last = chunk.last else { break }
            after = last.seq
        }
        for (signer, changes) in originals.sorted(by: { $0.key < $1.key }) {
            let entries = scan.changeFiles(of: signer)
            var held = Set<[UInt8]>()
            for e in entries where changes.contains(where: { e.range.contains($0.seq) }) {
                for c in (try? folder.readChanges(e)) ?? [] { held.insert(c.digest(hash: ChangeBatch.sha256)) }
            }
            var runs: [[Change]] = []
            for c in changes.sorted(by: { $0.seq < $1.seq }) where !held.contains(c.digest(hash: ChangeBatch.sha256)) {
                if let last = runs.last?.last, last.seq + 1 == c.seq { runs[runs.count - 1].append(c) } else { runs.append([c]) }
            }
            let taken = Set(entries)
            for run in runs.flatMap({ ChangeBatch.split($0) }) {
                var entry = ChangeFileEntry(device: signer, first: run.first!.seq, last: run.last!.seq)
                while taken.contains(entry) { entry.edition += 1 }
                _ = try folder.publish(Array(run), edition: entry.edition)
                report.republished += run.count
            }
        }
    }
}
