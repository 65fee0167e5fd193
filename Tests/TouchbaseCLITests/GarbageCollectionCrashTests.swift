import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// kill -9 during garbage collection (DESIGN §6, Protocol/SPEC.md §3.7): the real `touchbase sync`
/// is killed at random moments while it removes dozens of its own old files. After every kill the
/// folder holds a subset of what it held, every removed file being one the rules allowed (the
/// victim's own, covered by its snapshot and acknowledged), the database passes its integrity check,
/// and a final sync finishes the job with nothing lost, republished or applied twice.
@Suite struct GarbageCollectionCrashTests {
    @Test func killNineDuringGarbageCollectionLeavesFolderAndDatabaseValid() throws {
        let seed = SeededGenerator.seed(fallback: 0x5EED_00C9)
        var rng = SeededGenerator(seed: seed)
        let context = "seed \(seed) (replay with TOUCHBASE_SEED=\(seed))"
        let box = try SyncSandbox("gc-crash")
        let victim = try SyncDevice("victim", now: nil)
        let other = try InProcessPublisher("other", folder: box.folder, seed: seed)
        defer { box.cleanup(); victim.cleanup(); other.cleanup() }
        try victim.sync(box.folder)
        try other.edit(40)
        try other.sync()
        let me = victim.id
        let otherID = try other.device
        let ownDir = box.folder.appendingPathComponent("changes/\(me.hex)").path
        let otherDir = box.folder.appendingPathComponent("changes/\(otherID.hex)").path
        func names(_ dir: String) -> Set<String> { Set(((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { !$0.hasPrefix(".") }) }

        var kills = 0, completed = 0
        // When to kill: a sync that finished before its kill was faster than this machine's last
        // guess, so the window shrinks below that instant (a quiet machine syncs in tens of ms).
        var window = 0.05...0.6
        for round in 0..<12 {
            // Dozens of small own files, published in-process (no collection yet), then acknowledged
            // by the other device, then covered by an own snapshot.
            let store = try victim.store()
            let key = try DeviceKeyFile.loadOrCreate(for: store)
            let signed = SharedFolder(path: box.folder.path).signing(with: key)
            let from = try store.version()[me]
            for n in 0..<Int.random(in: 30...60, using: &rng) {
                try store.commit(RecordOps.put("contact", store.environment.makeRecordID(), [("name", .text("Victim \(round)-\(n)"))]))
            }
            for c in try store.changes(of: me, after: from) { try signed.publish([c]) }
            try other.edit(5)
            try other.sync()
            let covers = try store.version()
            try signed.publishSnapshot(Snapshot(device: me, covers: covers, body: [UInt8](repeating: 7, count: 16)))
            let ownBefore = names(ownDir), otherBefore = names(otherDir)

            let process = try TouchbaseProcess(["sync", "--folder", box.folder.path], runner: victim.cli)
            let delay = Double.random(in: window, using: &rng)
            usleep(useconds_t(delay * 1_000_000))
            process.kill9()
            let result = process.wait()
            if result.killed { kills += 1 } else {
                completed += 1
                window = max(0.005, delay * 0.2)...max(0.01, delay * 0.8)
                #expect(result.status == 0, "\(context): \(result.stderr)")
            }

            // Whatever the instant: only own files the rules allow are gone, and the database is sound.
            let ownAfter = names(ownDir)
            for gone in ownBefore.subtracting(ownAfter) {
                let last = UInt64(gone.split(separator: "-")[1].split(separator: ".")[0]) ?? .max
                #expect(last <= covers[me], "\(context): round \(round): removed \(gone) beyond the snapshot")
            }
            #expect(names(otherDir).isSuperset(of: otherBefore), "\(context): another device's file was removed")
            #expect(try SyncChecks.integrity(victim.databasePath) == "ok", "\(context)")
            let check = try SyncChecks.logRowsMatchVersion(try victim.store())
            let compacted = Int(try victim.store().compactedLog().entries.values.reduce(0, +))
            #expect(check.rows + compacted == check.counted, "\(context): round \(round): \(check.rows) rows + \(compacted) compacted")
            let horizon = UInt64(try victim.store().metaValue("gcHorizon." + me.hex) ?? "0") ?? 0
            #expect(horizon <= covers[me], "\(context): horizon \(horizon) beyond the snapshot \(covers[me])")
        }
        #expect(kills >= 4, "\(context): only \(kills) syncs were killed (\(completed) completed)")

        // The final syncs finish the job: every own file the snapshot covers is gone, nothing is
        // published again, and both devices hold every Change.
        try victim.sync(box.folder)
        let last = try victim.sync(box.folder)
        #expect(last["published"] as? Int == 0, "\(context): \(last)")
        try other.sync()
        let store = try victim.store()
        let covered = UInt64(try store.metaValue("gcHorizon." + me.hex) ?? "0") ?? 0
        #expect(covered > 0)
        for name in names(ownDir) {
            let lastSeq = UInt64(name.split(separator: "-")[1].split(separator: ".")[0]) ?? 0
            #expect(lastSeq > covered, "\(context): \(name) is covered and acknowledged, yet still there")
        }
        #expect(try other.store.version() == store.version(), "\(context)")
        // The log holds every applied Change the compaction left, once.
        let compacted = try store.compactedLog()
        for (device, last) in try store.version().sorted {
            let seqs = try store.changes(of: device, after: 0).map(\.seq)
            #expect(seqs == Array((compacted[device] + 1)...last), "\(context): \(device.hex.prefix(8)) log \(seqs.count) rows")
        }
        #expect(compacted[me] > 0, "the victim compacted its own covered Changes")
        try SyncChecks.expectLogExact(other.store, context: "\(context) other")
    }
}
