import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// kill -9 while the real `touchbase snapshot` writes a snapshot, and while a new device joins
/// from one (DESIGN §6): the folder never holds a snapshot that does not verify whole, the
/// databases pass `PRAGMA integrity_check`, a seeding is all or nothing, and the next run finishes.
@Suite struct SnapshotCrashTests {
    @Test func killNineDuringSnapshotAndJoinLeavesEverythingValid() throws {
        let seed = SeededGenerator.seed(fallback: 0x5EED_05A9)
        var rng = SeededGenerator(seed: seed)
        let context = "seed \(seed) (replay with TOUCHBASE_SEED=\(seed))"
        let box = try SyncSandbox("snap-crash")
        let writer = try SyncDevice("writer", now: nil)
        let publisher = try InProcessPublisher("publisher", folder: box.folder, seed: seed)
        defer { box.cleanup(); writer.cleanup(); publisher.cleanup() }
        try publisher.edit(6000, pool: 6000)
        try publisher.sync()
        try writer.sync(box.folder)
        let version = try writer.store().version()

        // Kill the writer's `touchbase snapshot` at random moments.
        var kills = 0, completed = 0
        var window = 0.4
        for round in 0..<14 {
            let process = try TouchbaseProcess(["snapshot"], runner: writer.cli)
            usleep(useconds_t(Double.random(in: 0...window, using: &rng) * 1_000_000))
            process.kill9()
            let result = process.wait()
            if result.killed { kills += 1; window = min(window * 1.2, 3) } else {
                completed += 1
                #expect(result.status == 0, "\(context): round \(round): \(result.stderr)")
                window = max(0.05, window * 0.6)
            }
            #expect(try SyncChecks.integrity(writer.databasePath) == "ok", "\(context)")
            #expect(try writer.store().version() == version, "\(context): a snapshot changed the database")
            try Self.expectSnapshotsValid(box.folder, pins: try writer.store(), context: "\(context) round \(round)")
        }
        #expect(kills >= 5, "\(context): only \(kills) kills")
        try writer.cli.ok(["snapshot"])
        try Self.expectSnapshotsValid(box.folder, pins: try writer.store(), context: context)
        // The parts a killed writer left, which no snapshot names, go once they are an hour old
        // (SPEC §3.7, rule 5); the snapshot's own parts stay.
        let own = box.folder.appendingPathComponent("snapshots/\(writer.id.hex)")
        let orphans = try Self.orphanedPartFolders(own)
        let old = [FileAttributeKey.modificationDate: Date(timeIntervalSinceNow: -7200)]
        for dir in orphans {
            for name in try FileManager.default.contentsOfDirectory(atPath: own.path + "/" + dir) {
                try FileManager.default.setAttributes(old, ofItemAtPath: own.path + "/" + dir + "/" + name)
            }
        }
        try writer.sync(box.folder)
        #expect(try Self.orphanedPartFolders(own).isEmpty, "\(context): \(orphans.count) orphaned part folders stay")
        try Self.expectSnapshotsValid(box.folder, pins: try writer.store(), context: context)

        // Kill a new device's first sync, which seeds from the snapshot, at random moments.
        // A join that finishes before its kill lands proves nothing: a new device then tries again,
        // aiming earlier (a fast machine joins in a fraction of the first window).
        var joiner = try SyncDevice("joiner", now: nil)
        var joined: [SyncDevice] = []
        defer { joiner.cleanup(); joined.forEach { $0.cleanup() } }
        var joinKills = 0
        window = 0.4
        for attempt in 0..<16 {
            let process = try TouchbaseProcess(["sync", "--folder", box.folder.path], runner: joiner.cli)
            usleep(useconds_t(Double.random(in: 0...window, using: &rng) * 1_000_000))
            process.kill9()
            let result = process.wait()
            #expect(try SyncChecks.integrity(joiner.databasePath) == "ok", "\(context)")
            let v = try joiner.store().version()
            let registers = try joiner.store().read { try Int.fetchOne($0, sql: "SELECT count(*) FROM recordRegisters") ?? 0 }
            // All or nothing: no registers without the covered version, none half loaded.
            #expect(v.entries.values.allSatisfy { $0 == 0 } ? registers == 0 : registers > 0, "\(context): \(v) with \(registers) registers")
            if result.killed {
                joinKills += 1
                window = min(window * 1.2, 3)
            } else if joinKills == 0 {
                joined.append(joiner)
                joiner = try SyncDevice("joiner\(attempt)", now: nil)
                window = max(0.01, window / 2)
            } else {
                break
            }
        }
        #expect(joinKills >= 1, "\(context)")
        let report = try joiner.sync(box.folder)
        _ = report
        try joiner.sync(box.folder)
        try writer.sync(box.folder)
        #expect(try joiner.observed() == writer.observed(), "\(context)")
        #expect(try joiner.store().version()[try publisher.device] == version[try publisher.device])
        // Joined from the snapshot: the publisher's covered Changes were never replayed.
        #expect(try joiner.store().changes(of: try publisher.device, after: 0).isEmpty, "\(context)")
    }

    /// The part folders in `dir` that no snapshot there names.
    static func orphanedPartFolders(_ dir: URL) throws -> [String] {
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
        return names.filter { !$0.hasSuffix(".tbs") && !$0.hasPrefix(".") && !names.contains($0 + ".tbs") }.sorted()
    }

    /// Every snapshot in the folder verifies whole: the snapshot, its body and every part it names.
    static func expectSnapshotsValid(_ folder: URL, pins store: Store, context: String) throws {
        let pins = KeyPins(try store.pinnedKeys().compactMapValues { DevicePublicKey(raw: $0.publicKey) })
        let shared = SharedFolder(path: folder.path).trusting(pins)
        for entry in try shared.scan().snapshots {
            do {
                let (_, body) = try shared.readSnapshotBody(entry)
                for (i, p) in body.parts.enumerated() { _ = try shared.readSnapshotPart(of: entry, number: UInt64(i + 1), expected: p) }
            } catch {
                Issue.record("\(context): \(entry.relativePath) does not verify: \(error)")
            }
        }
    }
}
