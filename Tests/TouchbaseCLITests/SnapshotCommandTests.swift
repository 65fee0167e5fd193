import Foundation
import Testing
import TouchbaseTestSupport

/// `touchbase snapshot` through the real binary, and a new device joining from what it wrote.
@Suite struct SnapshotCommandTests {
    @Test func snapshotThenJoin() throws {
        let box = try SyncSandbox("snap-cli")
        let a = try SyncDevice("laptop"), b = try SyncDevice("phone")
        defer { box.cleanup(); a.cleanup(); b.cleanup() }
        try a.cli.ok(["contact", "add", "Ada Lovelace", "--notes", "met at the engine"])
        try a.cli.ok(["contact", "add", "Grace Hopper"])
        try a.sync(box.folder)

        let out = try a.cli.ok(["snapshot", "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(json["newlyWritten"] as? Bool == true)
        #expect(json["records"] as? Int ?? 0 >= 2)
        let path = try #require(json["path"] as? String)
        #expect(FileManager.default.fileExists(atPath: box.folder.appendingPathComponent(path).path))
        let again = try a.cli.ok(["snapshot"])
        #expect(again.contains("Already there"))

        let report = try b.sync(box.folder)
        #expect(report["seededFrom"] as? String == path)
        #expect(try b.contactsByName().keys.sorted() == ["Ada Lovelace", "Grace Hopper"])
        let text = try b.cli.ok(["sync"])
        #expect(!text.contains("joined from"))
    }

    @Test func automaticThresholdsAreThisDevicesSetting() throws {
        let a = try SyncDevice("laptop")
        defer { a.cleanup() }
        let shown = try a.cli.ok(["snapshot", "--settings"])
        #expect(shown.contains("after 256 own change files or 32 MiB") && shown.contains("the defaults"))
        let set = try a.cli.ok(["snapshot", "--auto-files", "40", "--auto-mib", "4"])
        #expect(set.contains("Set.") && set.contains("after 40 own change files or 4 MiB") && set.contains("set on this device"))
        let off = try a.cli.ok(["snapshot", "--auto", "off", "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(off.utf8)) as? [String: Any])
        #expect(json["automatic"] as? Bool == false && json["changeFiles"] as? Int == 40 && json["mebibytes"] as? Int == 4)
        #expect(try a.cli.ok(["snapshot", "--settings"]).contains("off (set on this device)"))
        // Bad input: a clear message, a non-zero exit, nothing changed.
        for bad in [["--auto-files", "0"], ["--auto-mib", "2000000"], ["--auto", "sometimes"], ["--auto-files", "many"]] {
            let r = try a.cli.run(["snapshot"] + bad)
            #expect(r.status != 0, "\(bad)")
            #expect(r.stderr.contains(bad[0]), "\(bad): \(r.stderr)")
        }
        #expect(try a.cli.ok(["snapshot", "--settings"]).contains("off (set on this device)"))
        #expect(try a.cli.ok(["snapshot", "--auto-defaults"]).contains("after 256 own change files or 32 MiB of own changes since the last one (the defaults)"))
    }

    @Test func snapshotWithoutAFolderIsRefusedClearly() throws {
        let a = try SyncDevice("laptop")
        defer { a.cleanup() }
        let r = try a.cli.run(["snapshot"])
        #expect(r.status != 0)
        #expect(!r.stderr.isEmpty)
    }
}
