import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync

/// Two `touchbase` processes on one database at once (DESIGN §6): two real `touchbase sync`
/// processes started together, round after round, sometimes with a `contact add` running beside
/// them, while another device keeps publishing. Nothing fails (they only wait for each other), no
/// Change is lost or duplicated, and the database passes `PRAGMA integrity_check`.
@Suite struct SyncConcurrentProcessesTests {
    @Test func twoSyncsOnOneDatabaseAtOnceOnlyWaitForEachOther() throws {
        let box = try SyncSandbox("concurrent")
        let device = try SyncDevice("laptop", now: nil)
        let other = try InProcessPublisher("desktop", folder: box.folder, seed: 77)
        defer { box.cleanup(); device.cleanup(); other.cleanup() }
        try device.sync(box.folder)

        try other.edit(400)
        try other.sync()
        var added = 0, bothPublished = 0
        for round in 1...10 {
            if round % 3 == 0 {
                try other.edit(100)
                try other.sync()
            }
            for _ in 0..<2 {
                added += 1
                try device.cli.ok(["contact", "add", "Laptop contact \(added)", "--notes", "round \(round)"])
            }
            var processes = [
                try TouchbaseProcess(["sync", "--json"], runner: device.cli),
                try TouchbaseProcess(["sync", "--json"], runner: device.cli),
            ]
            if round % 2 == 0 {
                added += 1
                processes.append(try TouchbaseProcess(["contact", "add", "Laptop contact \(added)", "--notes", "beside two syncs"], runner: device.cli))
            }
            var publishedBy = 0
            for (i, p) in processes.enumerated() {
                let r = p.wait()
                if i < 2, let o = try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any],
                   (o["published"] as? Int ?? 0) > 0 { publishedBy += 1 }
                #expect(r.status == 0 && !r.killed, "round \(round), process \(i) failed (\(r.status)): \(r.stderr)\(r.stdout)")
                #expect(!r.stderr.lowercased().contains("error"), "round \(round), process \(i): \(r.stderr)")
            }
            if publishedBy == 2 { bothPublished += 1 }
            let check = try SyncChecks.logRowsMatchVersion(try device.store())
            #expect(check.rows == check.counted, "round \(round): \(check.rows) change rows for \(check.counted) Changes")
        }

        // A last sync on each side, then both hold every Change once.
        try device.sync(box.folder)
        try other.sync()
        #expect(try SyncChecks.integrity(device.databasePath) == "ok")
        let store = try device.store()
        try SyncChecks.expectLogExact(store, context: "laptop")
        try SyncChecks.expectLogExact(other.store, context: "desktop")
        #expect(try store.version() == other.store.version())
        let me = device.id
        #expect(try store.version()[me] == UInt64(added), "one Change per contact added")
        let names = Set(try other.store.records(RecordQuery(entity: "contact")).compactMap { $0.text("name") })
        #expect((1...added).allSatisfy { names.contains("Laptop contact \($0)") }, "the other device lacks some of the laptop's contacts")
        var all = RecordQuery(entity: "contact")
        all.includeHidden = true
        #expect(try store.records(all) == other.store.records(all))
        #expect(try store.conflicts() == other.store.conflicts())

        // The laptop's published files never disagree where they overlap.
        var published: [UInt64: Change] = [:]
        // Read as the other device reads: trusting the laptop's key it pinned.
        let pin = try #require(try other.store.pinnedKeys()[me])
        let pinned = try #require(DevicePublicKey(raw: pin.publicKey))
        let folder = other.folder.trusting(KeyPins([me: pinned]))
        for entry in try folder.scan().changeFiles(of: me) {
            for c in try folder.readChanges(entry) {
                if let seen = published[c.seq] { #expect(seen == c, "seq \(c.seq) published twice with different content") }
                published[c.seq] = c
            }
        }
        #expect(published.keys.sorted() == Array(1...UInt64(added)))
        if ProcessInfo.processInfo.environment["TOUCHBASE_SIM_STATS"] != nil {
            print("both syncs published in \(bothPublished) of 10 rounds; files \(try folder.scan().changeFiles(of: me).map(\.relativePath))")
        }
    }
}
