import Foundation
import Testing

/// Moving to another shared folder publishes everything the new folder lacks.
@Suite struct SyncFolderSwitchTests {
    @Test func aDeviceMovingToANewFolderRepublishesEverything() throws {
        let box = try SyncSandbox("switch")
        defer { box.cleanup() }
        let first = box.root.appendingPathComponent("first")
        try FileManager.default.createDirectory(at: first, withIntermediateDirectories: true)
        let laptop = try SyncDevice("laptop"), desktop = try SyncDevice("desktop")
        defer { laptop.cleanup(); desktop.cleanup() }

        try laptop.cli.ok(["contact", "add", "Ada Lovelace"])
        try laptop.cli.ok(["contact", "add", "Grace Hopper"])
        #expect(try laptop.sync(first)["published"] as? Int == 2)

        // The same device now syncs through another folder, which a new device shares.
        #expect(try laptop.sync(box.folder)["published"] as? Int == 2)
        let report = try desktop.sync(box.folder)
        #expect(report["importedTotal"] as? Int == 2)
        #expect(try desktop.contacts().count == 2)
        #expect(try laptop.sync(box.folder)["published"] as? Int == 0)
    }
}
