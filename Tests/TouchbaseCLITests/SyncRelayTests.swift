import Foundation
import Testing

/// No edit is held hostage by its author's absence (issue 7, case 3's "same root"), through the
/// binary: a device is gone for good, the folder moves, and a new device still gets its edits,
/// relayed by the device that stayed.
@Suite struct SyncRelayTests {
    @Test func aDepartedDevicesEditsReachANewDeviceAfterAFolderMove() throws {
        let box = try SyncSandbox("relay")
        defer { box.cleanup() }
        let first = box.root.appendingPathComponent("first")
        try FileManager.default.createDirectory(at: first, withIntermediateDirectories: true)
        let laptop = try SyncDevice("laptop"), desktop = try SyncDevice("desktop"), phone = try SyncDevice("phone")
        defer { laptop.cleanup(); desktop.cleanup(); phone.cleanup() }

        try laptop.cli.ok(["contact", "add", "Ada Lovelace"])
        _ = try laptop.sync(first)
        _ = try desktop.sync(first)
        try desktop.cli.ok(["contact", "add", "Grace Hopper"])  // made on top of the laptop's edit
        _ = try desktop.sync(first)
        laptop.cleanup()  // gone for good, before the move

        _ = try desktop.sync(box.folder)
        let report = try phone.sync(box.folder)
        #expect(report["importedTotal"] as? Int == 2)
        #expect(Set(try phone.contacts().compactMap { $0["name"] as? String }) == ["Ada Lovelace", "Grace Hopper"])
        #expect(try phone.observed() == desktop.observed())
    }
}
