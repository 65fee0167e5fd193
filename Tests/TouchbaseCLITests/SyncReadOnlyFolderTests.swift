import Foundation
import Testing
import TouchbaseCore

/// A shared folder that cannot be written (DESIGN §6) through the real binary: a clear error and a
/// non-zero exit, nothing lost, and the next sync after the folder is writable again completes.
///
/// `chmod 0555` stops writes for a normal user but not for root (tests often run as root); then the
/// device's own `changes/<device>` is made a regular file, so it cannot be made a directory.
@Suite struct SyncReadOnlyFolderTests {
    @Test func anUnwritableFolderFailsClearlyAndTheNextSyncCompletes() throws {
        let box = try SyncSandbox("readonly")
        let laptop = try SyncDevice("laptop"), desktop = try SyncDevice("desktop")
        let fm = FileManager.default
        let changes = box.folder.appendingPathComponent("changes")
        defer {
            try? fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: box.folder.path)
            try? fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: changes.path)
            box.cleanup(); laptop.cleanup(); desktop.cleanup()
        }
        try desktop.cli.ok(["contact", "add", "Grace Hopper"])
        try desktop.sync(box.folder)
        try laptop.cli.ok(["contact", "add", "Ada Lovelace", "--notes", "analytical engine"])
        try laptop.cli.ok(["contact", "edit", "Ada", "--stage", "active"])
        let before = try laptop.observedContacts()

        // Make the folder unwritable for the laptop.
        try fm.setAttributes([.posixPermissions: 0o555], ofItemAtPath: changes.path)
        let probe = changes.appendingPathComponent("probe")
        let chmodStopsWrites = !fm.createFile(atPath: probe.path, contents: Data())
        let blocker = changes.appendingPathComponent(laptop.id.hex)
        if !chmodStopsWrites {
            try fm.removeItem(at: probe)
            try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: changes.path)
            try Data("in the way".utf8).write(to: blocker)
        }

        let failed = try laptop.cli.run(["sync", "--folder", box.folder.path])
        #expect(failed.status != 0, "sync into an unwritable folder should fail")
        #expect(failed.stderr.contains("could not write to the shared folder"), "\(failed.stderr)")
        #expect(failed.stderr.contains("changes/\(laptop.id.hex)"), "the message names the path: \(failed.stderr)")
        // Nothing lost; what could be imported was.
        let after = try laptop.observedContacts()
        #expect(after.contains("Ada Lovelace") && after.contains("analytical engine"))
        #expect(after.contains("Grace Hopper"), "the import half of the sync still happened")
        #expect(before != after)
        // Still failing while the folder is unwritable; no half-written file under a real name.
        #expect(try laptop.cli.run(["sync", "--folder", box.folder.path]).status != 0)
        let leftovers = (try? fm.contentsOfDirectory(atPath: changes.path)) ?? []
        #expect(leftovers.allSatisfy { !$0.hasPrefix(".") }, "\(leftovers)")

        // Writable again.
        if chmodStopsWrites {
            try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: changes.path)
        } else {
            try fm.removeItem(at: blocker)
        }
        let report = try laptop.sync(box.folder)
        #expect(report["published"] as? Int == 2)
        let got = try desktop.sync(box.folder)
        #expect(got["importedTotal"] as? Int == 2)
        #expect(try desktop.observedContacts() == laptop.observedContacts())
    }
}

extension SyncDevice {
    /// `contact list --json` text.
    func observedContacts() throws -> String { try cli.ok(["contact", "list", "--json"]) }
}
