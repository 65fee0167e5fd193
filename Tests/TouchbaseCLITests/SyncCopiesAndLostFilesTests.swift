import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore

/// Issue 7, cases 1–4, through the real binary: copied databases whose fork heals, a copy whose file a
/// sync tool swapped, lost and damaged change files, and a re-key on a copy that never synced.
@Suite struct SyncCopiesAndLostFilesTests {
    /// A second home holding a byte copy of `device`'s database (same device id).
    static func copy(of device: SyncDevice) throws -> CLIRunner {
        let clone = try CLIRunner()
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: device.databasePath + suffix) {
            try FileManager.default.copyItem(atPath: device.databasePath + suffix,
                                             toPath: clone.home.appendingPathComponent("touchbase.sqlite" + suffix).path)
        }
        // Copying a home copies the device's signing key with its database.
        let key = (device.databasePath as NSString).deletingLastPathComponent + "/touchbase-signing.key"
        try FileManager.default.copyItem(atPath: key, toPath: clone.home.appendingPathComponent("touchbase-signing.key").path)
        return clone
    }

    /// Case 1: a edits ORIGINAL, b edits B-org on top, the copy edits CLONE. The copy's sync heals
    /// the fork; then CLONE and B-org are in conflict everywhere, and the copy's history holds only
    /// its own edit (the delete variant: the copy's edit and b's delete meet as delete-vs-edit).
    @Test(arguments: [false, true])
    func rekeyingACopyKeepsItsEditAndNotAnotherDevicesEdit(delete: Bool) throws {
        let box = try SyncSandbox("case1")
        let a = try SyncDevice("laptop"), b = try SyncDevice("desktop")
        defer { box.cleanup(); a.cleanup(); b.cleanup() }
        let f = box.folder
        try a.cli.ok(["contact", "add", "Ada Lovelace", "--org", "Start"])
        try a.sync(f)
        try b.sync(f)
        let clone = try Self.copy(of: a)
        defer { clone.cleanup() }
        try a.cli.ok(["contact", "edit", "Ada", "--org", "ORIGINAL"])
        try a.sync(f)
        try b.sync(f)
        try b.cli.ok(delete ? ["contact", "rm", "Ada"] : ["contact", "edit", "Ada", "--org", "B-org"])
        try b.sync(f)
        try clone.ok(["contact", "edit", "Ada"] + (delete ? ["--notes", "edited on the copy"] : ["--org", "CLONE"]))

        // The copy sees the fork and heals it (SPEC §3.6): no refusal, no re-key.
        let healed = try clone.run(["sync", "--folder", f.path])
        #expect(healed.status == 0, "\(healed.stdout)\(healed.stderr)")
        #expect(healed.stdout.contains("healed a copied database"), "\(healed.stdout)")
        for runner in [clone, a.cli, b.cli, clone, a.cli, b.cli] { try runner.ok(["sync", "--folder", f.path]) }

        let conflicts = try a.cli.ok(["conflicts", "--json"])
        for other in [b.cli, clone] {
            #expect(try other.ok(["contact", "list", "--all", "--json"]) == a.cli.ok(["contact", "list", "--all", "--json"]))
            #expect(try other.ok(["conflicts", "--json"]) == conflicts)
        }
        if delete {
            #expect(conflicts.contains("delete-vs-edit"), "\(conflicts)")
            let all = try a.cli.ok(["contact", "list", "--all", "--json"])
            #expect(conflicts.contains("edited on the copy") || all.contains("edited on the copy"), "\(conflicts)\n\(all)")
        } else {
            #expect(conflicts.contains("CLONE") && conflicts.contains("B-org"), "\(conflicts)")
            let history = try clone.ok(["history", "Ada"])
            #expect(!history.contains("org = \"CLONE\", org = \"B-org\""), "\(history)")
        }
    }

    /// Case 2: the copy published seq 2, then the sync tool kept a's seq 2 under the name and made
    /// the copy's a conflict copy. The copy must notice, and the fork heals on every device.
    @Test func aCopyIsFoundWhenTheSyncToolSwapsItsFile() throws {
        let box = try SyncSandbox("case2")
        let a = try SyncDevice("laptop")
        defer { box.cleanup(); a.cleanup() }
        let f = box.folder, replica = box.root.appendingPathComponent("laptop-replica")
        try FileManager.default.createDirectory(at: replica, withIntermediateDirectories: true)
        try a.cli.ok(["contact", "add", "Ada Lovelace"])
        try a.sync(f)
        let clone = try Self.copy(of: a)
        defer { clone.cleanup() }
        try clone.ok(["contact", "add", "Bob on the copy"])
        try clone.ok(["sync", "--folder", f.path])
        try clone.ok(["sync", "--folder", f.path])
        try a.sync(replica)
        try a.cli.ok(["contact", "add", "Carol on the laptop"])
        try a.sync(replica)

        let dir = "changes/" + a.id.hex + "/"
        let fm = FileManager.default
        try fm.moveItem(at: f.appendingPathComponent(dir + "2-2.tbc"), to: f.appendingPathComponent(dir + "2-2.sync-conflict-20260302-090000-ABCDEFG.tbc"))
        try fm.copyItem(at: replica.appendingPathComponent(dir + "2-2.tbc"), to: f.appendingPathComponent(dir + "2-2.tbc"))
        let healed = try clone.run(["sync", "--folder", f.path])
        #expect(healed.status == 0 && healed.stdout.contains("healed a copied database"), "\(healed.stdout)")
        for runner in [a.cli, clone, a.cli, clone] { try runner.ok(["sync", "--folder", f.path]) }
        #expect(try clone.ok(["contact", "list", "--all", "--json"]) == a.cli.ok(["contact", "list", "--all", "--json"]))
        #expect(Set(try a.contactsByName().keys) == ["Ada Lovelace", "Bob on the copy", "Carol on the laptop"])
    }

    /// Case 3: a's published file is lost or damaged; a's next sync publishes it again and b, which
    /// was waiting on `a #1`, gets everything.
    @Test(arguments: [false, true])
    func aLostOrDamagedFileIsPublishedAgain(flip: Bool) throws {
        let box = try SyncSandbox("case3")
        let a = try SyncDevice("laptop"), b = try SyncDevice("desktop")
        defer { box.cleanup(); a.cleanup(); b.cleanup() }
        let f = box.folder
        try a.cli.ok(["contact", "add", "Ada Lovelace"])
        try a.sync(f)
        let file = f.appendingPathComponent("changes/" + a.id.hex + "/1-1.tbc")
        if flip {
            var bytes = [UInt8](try Data(contentsOf: file))
            bytes[bytes.count / 2] ^= 1
            try Data(bytes).write(to: file)
        } else {
            try FileManager.default.removeItem(at: file)
        }
        try a.cli.ok(["contact", "add", "Bob Example"])
        let out = try a.cli.ok(["sync", "--folder", f.path])
        #expect(out.contains("1 again"), "\(out)")
        let report = try b.sync(f)
        #expect((report["waiting"] as? [Any])?.isEmpty == true, "\(report)")
        #expect(Set(try b.contactsByName().keys) == ["Ada Lovelace", "Bob Example"])
    }

    /// Case 4: a copy that never synced re-keys; the other devices must not wait on `old #2`.
    @Test func rekeyOnACopyThatNeverSyncedStrandsNothing() throws {
        let box = try SyncSandbox("case4")
        let a = try SyncDevice("laptop"), b = try SyncDevice("desktop")
        defer { box.cleanup(); a.cleanup(); b.cleanup() }
        let f = box.folder
        try a.cli.ok(["contact", "add", "Ada Lovelace"])
        try a.sync(f)
        let clone = try Self.copy(of: a)
        defer { clone.cleanup() }
        try clone.ok(["contact", "add", "Bob Example"])
        try clone.ok(["device", "rekey"])
        try clone.ok(["contact", "add", "Carol Example"])
        try clone.ok(["sync", "--folder", f.path])
        let report = try b.sync(f)
        #expect((report["waiting"] as? [Any])?.isEmpty == true, "\(report)")
        try a.cli.ok(["contact", "add", "Dan Example"])
        for runner in [a.cli, clone, b.cli, a.cli] { try runner.ok(["sync", "--folder", f.path]) }
        #expect(Set(try b.contactsByName().keys) == ["Ada Lovelace", "Bob Example", "Carol Example", "Dan Example"])
        #expect(try clone.ok(["contact", "list", "--all", "--json"]) == b.cli.ok(["contact", "list", "--all", "--json"]))
        #expect(try a.cli.ok(["contact", "list", "--all", "--json"]) == b.cli.ok(["contact", "list", "--all", "--json"]))
    }
}
