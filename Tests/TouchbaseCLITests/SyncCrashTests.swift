#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// kill -9 at any point of sync (DESIGN §4 "Idempotent and interruptible", §6): the real `touchbase
/// sync` is killed with SIGKILL at random moments while it imports a backlog of thousands of
/// Changes from two other devices and publishes its own. A final sync converges, the database
/// passes `PRAGMA integrity_check`, and no Change is lost or applied twice.
///
/// The seed (printed on failure) drives the edits and the kill delays; `TOUCHBASE_SEED=<seed>` replays
/// them (where a kill lands also depends on the machine's speed). `TOUCHBASE_SIM_STATS=1` prints
/// how many kills landed after an import committed and after publishing.
@Suite struct SyncCrashTests {
    @Test func killNineDuringSyncLosesNothingAndAppliesNothingTwice() throws {
        let seed = SeededGenerator.seed(fallback: 0x5EED_0009)
        var rng = SeededGenerator(seed: seed)
        let context = "seed \(seed) (replay with TOUCHBASE_SEED=\(seed))"
        let box = try SyncSandbox("crash")
        let victim = try SyncDevice("victim", now: nil)
        let publishers = try (1...2).map { try InProcessPublisher("publisher\($0)", folder: box.folder, seed: seed &+ UInt64($0)) }
        defer { box.cleanup(); victim.cleanup(); publishers.forEach { $0.cleanup() } }
        let started = Date()

        // The backlog: several thousand Changes in many files, with cross-device deps.
        for _ in 0..<6 {
            for p in publishers {
                try p.edit(250)
                try p.sync()
            }
        }
        // The victim's own edits, never published yet.
        for n in 0..<5 { try victim.cli.ok(["contact", "add", "Victim contact \(n)", "--notes", "local \(n)"]) }
        let local = try victim.store()
        for n in 5..<30 {
            try local.commit(RecordOps.put("contact", local.environment.makeRecordID(), [("name", .text("Victim contact \(n)")), ("notes", .text("local \(n)"))]))
        }

        var kills = 0, completed = 0, round = 0, killedAfterImport = 0, killedAfterPublish = 0
        var window = 0.3
        // Bounded by rounds, not by a wall clock, so a loaded machine (where every round is slower)
        // still reaches its kills; the time limit only stops a run that has truly stalled.
        while kills < 24 && round < 120 && Date().timeIntervalSince(started) < 600 {
            round += 1
            // Between attempts the world moves on: more from the publishers, more local edits.
            do {
                let p = publishers[round % publishers.count]
                try p.edit(Int.random(in: 30...120, using: &rng))
                try p.sync()
            }
            if round % 2 == 0 {
                let local = try victim.store()
                for n in 0..<Int.random(in: 1...5, using: &rng) {
                    try local.commit(RecordOps.put("contact", local.environment.makeRecordID(), [("name", .text("Victim r\(round) \(n)"))]))
                }
            }
            let store = try victim.store()
            let before = try store.version()
            let publishedBefore = victimFiles(box.folder, victim.id)
            // Many rounds without enough kills (syncs finish before the kill): aim early so they land.
            if round > 40 && kills < 20 { window = min(window, 0.15) }
            let delay = Double.random(in: 0...window, using: &rng)
            let t0 = Date()
            let process = try TouchbaseProcess(["sync", "--folder", box.folder.path], runner: victim.cli)
            usleep(useconds_t(delay * 1_000_000))
            process.kill9()
            let result = process.wait()
            if result.killed {
                kills += 1
                // Sample later and later moments until a sync gets through, then around its length.
                window = min(window * 1.1, 2)
                if try store.version() != before { killedAfterImport += 1 }
                if victimFiles(box.folder, victim.id) != publishedBefore { killedAfterPublish += 1 }
            } else {
                completed += 1
                #expect(result.status == 0, "\(context): round \(round): \(result.stderr)")
                window = max(0.2, Date().timeIntervalSince(t0))
            }
            // After every attempt: the database opens and its log holds each counted Change once.
            let check = try SyncChecks.logRowsMatchVersion(store)
            #expect(check.rows == check.counted, "\(context): after round \(round): \(check.rows) rows for \(check.counted) Changes")
        }
        #expect(kills >= 20, "\(context): only \(kills) syncs were killed in \(round) rounds")

        // The final syncs finish the job.
        try victim.sync(box.folder)
        let last = try victim.sync(box.folder)
        #expect(last["importedTotal"] as? Int == 0 && last["published"] as? Int == 0, "\(context): \(last)")
        for p in publishers { try p.sync() }
        for p in publishers { try p.sync() }

        #expect(try SyncChecks.integrity(victim.databasePath) == "ok", "\(context)")
        let store = try victim.store()
        let version = try store.version()
        let me = victim.id
        try SyncChecks.expectLogExact(store, context: context)
        for p in publishers {
            let pv = try p.store.version()
            let device = try p.device
            #expect(pv == version, "\(context): publisher \(device.hex.prefix(8)) has \(pv), victim \(version)")
            #expect(try store.changes(of: device, after: 0).count == Int(pv[device]), "\(context): the victim lacks or repeats Changes of a publisher")
            #expect(try p.store.changes(of: me, after: 0).count == Int(version[me]), "\(context): a publisher lacks Changes of the victim")
            try SyncChecks.expectLogExact(p.store, context: "\(context) publisher")
        }
        // Every local edit survived and was published.
        let names = try store.records(RecordQuery(entity: "contact")).compactMap { $0.text("name") }
        #expect((0..<30).allSatisfy { names.contains("Victim contact \($0)") })
        var all = RecordQuery(entity: "contact")
        all.includeHidden = true
        #expect(try store.records(all) == publishers[0].store.records(all), "\(context)")
        #expect(try store.conflicts() == publishers[0].store.conflicts(), "\(context)")
        if ProcessInfo.processInfo.environment["TOUCHBASE_SIM_STATS"] != nil {
            print("\(context): \(kills) kills (\(killedAfterImport) after an import committed, \(killedAfterPublish) after publishing), \(completed) completed, \(round) rounds, window \(window)s, version \(version), \(Date().timeIntervalSince(started))s")
        }
    }

    /// The victim's published changes files.
    func victimFiles(_ folder: URL, _ device: DeviceID) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("changes/\(device.hex)").path)) ?? []).sorted()
    }
}
