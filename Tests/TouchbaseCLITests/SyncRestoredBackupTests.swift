import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore

/// A database restored from an older backup, with no edit of its own since, through the real binary:
/// the folder holds Changes of its device id that it lacks, and there is no fork point to heal at
/// (Protocol/SPEC.md §3.6). Its sync refuses to publish, says so and what it held back, and exits
/// non-zero, so a script that syncs sees it.
@Suite struct SyncRestoredBackupTests {
    @Test func aRestoredBackupIsRefusedWithItsHeldBackChangesAndANonZeroExit() throws {
        let box = try SyncSandbox("backup")
        let a = try SyncDevice("laptop"), b = try SyncDevice("desktop")
        defer { box.cleanup(); a.cleanup(); b.cleanup() }
        let f = box.folder
        try a.cli.ok(["contact", "add", "Ada Lovelace"])
        try a.sync(f)
        try b.sync(f)
        let backup = try SyncCopiesAndLostFilesTests.copy(of: a)
        defer { backup.cleanup() }
        try a.cli.ok(["contact", "edit", "Ada", "--notes", "after the backup"])
        try a.sync(f)
        try b.sync(f)
        try b.cli.ok(["contact", "edit", "Ada", "--org", "Analytical Engines"])  // built on a's edit after the backup
        try b.sync(f)
        let ownFiles = try FileManager.default.contentsOfDirectory(atPath: f.appendingPathComponent("changes/\(a.id.hex)").path).sorted()

        let r = try backup.run(["sync", "--folder", f.path])
        #expect(r.status != 0, "a refused sync exits non-zero: \(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("refused to publish"), "\(r.stdout)")
        #expect(r.stdout.contains("held back: 1 change of other devices"), "\(r.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.appendingPathComponent("changes/\(a.id.hex)").path).sorted() == ownFiles,
                "nothing published under the shared id")
        let json = try backup.run(["sync", "--folder", f.path, "--json"])
        #expect(json.status != 0)
        let report = try #require(try json.json() as? [String: Any])
        #expect(report["identityClash"] != nil, "\(json.stdout)")
    }
}
