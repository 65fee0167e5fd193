import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore

/// A database copied to another machine (or restored from an old backup) keeps the device id of the
/// original (DESIGN §3 "Device", §6). Whichever copy syncs second sees the fork and heals it, through
/// the real binary (Protocol/SPEC.md §3.6): one copy keeps the id, the other goes on under the derived
/// id, and both converge with every edit of both.
@Suite struct SyncClonedDatabaseTests {
    /// `originalFirst`: the original publishes its new edits before the clone syncs; else the clone
    /// publishes first and the original is the one refused. The original makes more edits than the
    /// clone, so its published file reaches past the clone's log.
    @Test(arguments: [true, false])
    func theSecondCopyToSyncHealsTheForkAndKeepsEverything(originalFirst: Bool) throws {
        let box = try SyncSandbox("clone")
        let original = try SyncDevice("laptop")
        let cloneCLI = try CLIRunner()
        defer { box.cleanup(); original.cleanup(); cloneCLI.cleanup() }
        let f = box.folder

        for name in ["Ada Lovelace", "Grace Hopper", "Linus Torvalds"] { try original.cli.ok(["contact", "add", name, "--stage", "docket"]) }
        try original.sync(f)

        // The copy: the database file (and its journal files, if any) and the device's signing key, in
        // another home.
        let fm = FileManager.default
        for suffix in ["", "-wal", "-shm"] {
            let source = original.databasePath + suffix
            if fm.fileExists(atPath: source) {
                try fm.copyItem(atPath: source, toPath: cloneCLI.home.appendingPathComponent("touchbase.sqlite" + suffix).path)
            }
        }
        try fm.copyItem(at: original.cli.home.appendingPathComponent("touchbase-signing.key"),
                        to: cloneCLI.home.appendingPathComponent("touchbase-signing.key"))

        // Both copies edit, unaware of each other.
        try original.cli.ok(["contact", "edit", "Ada", "--notes", "edited on the laptop"])
        try original.cli.ok(["contact", "edit", "Grace", "--stage", "active"])
        try original.cli.ok(["contact", "add", "Only On Laptop"])
        try cloneCLI.ok(["contact", "edit", "Linus", "--notes", "edited on the copy"])
        try cloneCLI.ok(["contact", "add", "Only On Copy"])

        let first = originalFirst ? original.cli : cloneCLI
        let second = originalFirst ? cloneCLI : original.cli
        try first.ok(["sync", "--folder", f.path])
        let folderBefore = try folderListing(f)
        let secondBefore = try second.ok(["contact", "list", "--json"])

        // The second copy sees the fork and heals it (Protocol/SPEC.md §3.6): it publishes its own
        // history under the shared id, so every device sees both, and the history with the larger
        // digest goes on under the derived id. Nothing is lost locally.
        let healed = try second.run(["sync", "--folder", f.path])
        #expect(healed.status == 0, "\(healed.stdout)\(healed.stderr)")
        #expect(healed.stdout.contains("healed a copied database"), "\(healed.stdout)")
        _ = folderBefore
        #expect(try second.ok(["contact", "list", "--json"]).count >= secondBefore.count)
        for runner in [first, second, first, second] { try runner.ok(["sync", "--folder", f.path]) }
        let json = try first.ok(["sync", "--json"])
        let report = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(report?["identityClash"] == nil && (report?["forks"] as? [Any])?.isEmpty == true, "\(json)")

        let contacts = try original.contactsByName()
        #expect(try cloneCLI.ok(["contact", "list", "--all", "--json"]) == original.cli.ok(["contact", "list", "--all", "--json"]))
        #expect(try cloneCLI.ok(["conflicts", "--json"]) == original.cli.ok(["conflicts", "--json"]))
        #expect(contacts["Ada Lovelace"]?["notes"] as? String == "edited on the laptop")
        #expect(contacts["Grace Hopper"]?["stage"] as? String == "active")
        #expect(contacts["Linus Torvalds"]?["notes"] as? String == "edited on the copy")
        #expect(contacts["Only On Laptop"] != nil)
        #expect(contacts["Only On Copy"] != nil)
        #expect(contacts.count == 5, "\(contacts.keys.sorted())")
        #expect(try original.conflicts().isEmpty)

        // Two distinct devices now, each having applied all of the other's Changes exactly once.
        let a = try original.store(), b = try Store.open(at: cloneCLI.home.appendingPathComponent("touchbase.sqlite").path)
        #expect(try a.device != b.device)
        #expect(try a.version() == b.version())
        try SyncChecks.expectLogExact(a, context: "original")
        try SyncChecks.expectLogExact(b, context: "copy")
    }

    func folderListing(_ folder: URL) throws -> [String] {
        let base = folder.standardizedFileURL.path
        return (FileManager.default.enumerator(atPath: base)?.allObjects as? [String] ?? []).filter { path in
            !path.split(separator: "/").contains { $0.hasPrefix(".") } && !((try? FileManager.default.attributesOfItem(atPath: base + "/" + path)[.type] as? FileAttributeType) == .typeDirectory)
        }.sorted()
    }
}
