import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// Seeded random histories with copied databases (Protocol/SPEC.md §3.6): devices edit and sync
/// through two replicas of one folder, databases are copied at random moments and edit on under
/// their parent's id, the sync tool reconciles the replicas (turning clashing files into conflict
/// copies), and copies re-key once they see their clash. Whatever the order, no device ever mixes
/// two histories of one id: every Change it applied continues its device's Changes as applied and
/// was made on the versions of its dependencies it applied. Every device that applied a Change
/// which a file in its folder holds differently reports that fork until it heals; once everyone
/// meets in one folder, every fork heals and every device ends identical.
@Suite struct RandomizedForkSyncTests {
    static let seeds: [UInt64] = [1, 2, 3, 4, 5, 6, 7, 8]

    @Test(arguments: seeds) func noDeviceEverMixesTwoHistories(seed: UInt64) throws {
        let lab = try SyncLab("fork-random-\(seed)", seed: seed)
        let replica = SharedFolder(path: try lab.temp.directory("replica").path)
        var rng = SeededGenerator(seed: seed)
        var devices: [(store: Store, folder: SharedFolder, isCopy: Bool)] = []
        for (i, name) in ["a", "b", "c"].enumerated() {
            let store = try lab.store(name)
            try DeviceKeyFile.loadOrCreate(for: store)  // made at `init`, as a copied home holds it
            devices.append((store, i == 2 ? replica : lab.folder, false))
        }
        var copies = 0
        let context = "seed \(seed) (rerun with this seed to reproduce)"

        for step in 0..<60 {
            let i = Int.random(in: 0..<devices.count, using: &rng)
            let roll = Int.random(in: 0..<100, using: &rng)
            if roll < 40 {
                try lab.put(devices[i].store, UInt64.random(in: 1...6, using: &rng),
                            [(["name", "organization", "notes"].randomElement(using: &rng)!, .text("s\(step)"))])
            } else if roll < 80 {
                let r = try lab.sync(devices[i].store, folder: devices[i].folder)
                try Self.expectOneHistoryPerDevice(devices[i].store, "\(context), step \(step)")
                if devices[i].isCopy, r.identityClash != nil, Bool.random(using: &rng) {
                    _ = try SyncEngine(store: devices[i].store, folder: devices[i].folder).rekey()
                    devices[i].isCopy = false
                }
            } else if roll < 88, copies < 2, !devices[i].isCopy {
                copies += 1
                let other = devices[i].folder.path == lab.folder.path ? replica : lab.folder
                devices.append((try lab.copy(devices[i].store, as: "copy\(copies)"), other, true))
            } else {
                let keepMain = Bool.random(using: &rng)
                try FolderReplicas.reconcile(keep: keepMain ? lab.folder : replica, other: keepMain ? replica : lab.folder)
            }
        }
        // Everyone meets in one folder: every fork heals (SPEC §3.6), and a copy that only lags
        // behind its parent (it made nothing of its own since) is re-keyed by its user.
        try FolderReplicas.reconcile(keep: lab.folder, other: replica)
        for round in 0..<6 {
            for d in devices {
                var r = try lab.sync(d.store)
                if r.identityClash != nil && round >= 2 {
                    _ = try SyncEngine(store: d.store, folder: lab.folder).rekey()
                    r = try lab.sync(d.store)
                }
                try Self.expectOneHistoryPerDevice(d.store, "\(context), final")
                try Self.expectForksReported(d.store, report: r, folder: lab.folder, context)
            }
        }
        try lab.expectConverged(devices.map(\.store))
    }

    /// Every Change in the log continues its device's Change before it as the log holds it, and
    /// names by digest the versions of its dependencies the log holds (links name Changes as
    /// signed, SPEC §3.6: a Change stored in healed form is named by its original).
    static func expectOneHistoryPerDevice(_ store: Store, _ context: String) throws {
        var digests: [Dot: (digest: [UInt8], chained: Bool)] = [:]
        var log: [Change] = []
        for (device, _) in try store.version().sorted {
            for c in try store.changes(of: device, after: 0) {
                digests[c.dot] = (try store.originalDigest(c.dot) ?? c.digest(), c.isChained)
                log.append(c)
            }
        }
        for c in log {
            if c.seq > 1, let before = digests[Dot(device: c.device, seq: c.seq - 1)] {
                #expect(c.isChained ? c.prev == before.digest : !before.chained, "\(context): \(c.dot) does not continue \(c.device.hex.prefix(8)) #\(c.seq - 1)")
            }
            for (d, k) in c.deps.sorted {
                guard let named = c.depDigests[d], let held = digests[Dot(device: d, seq: k)] else { continue }
                #expect(named == held.digest, "\(context): \(c.dot) was made on another \(d.hex.prefix(8)) #\(k)")
            }
        }
    }

    /// A device that applied a Change which a (non-conflict-copy) file of the folder holds with other
    /// content reports a fork of that device id.
    static func expectForksReported(_ store: Store, report: SyncReport, folder: SharedFolder, _ context: String) throws {
        let me = try store.device
        let version = try store.version()
        var keys: [DeviceID: DevicePublicKey] = [:]
        for (d, pin) in try store.pinnedKeys() { keys[d] = DevicePublicKey(raw: pin.publicKey) }
        let folder = folder.trusting(KeyPins(keys))
        let scan = try folder.scan()
        var healing = try store.forkHealMap()
        for entry in scan.changeFiles.sorted() where entry.device != me {
            guard let changes = try? folder.readChanges(entry) else { continue }
            for c in changes {
                // Compared where healing reads it, as signed (SPEC §3.6): a healed fork's renamed
                // history is read under its derived id.
                let digest = c.digest()
                let place = healing.transform(c).dot
                guard version.contains(place), let applied = try store.originalDigest(place) else { continue }
                if applied != digest {
                    #expect(report.forks.contains { $0.device == entry.device }, "\(context): \(c.dot) differs from \(entry.relativePath), no fork reported")
                }
            }
        }
    }
}
