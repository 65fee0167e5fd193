import Foundation
import Testing
import TouchbaseCore
import TouchbaseSync

/// `touchbase devices retire <device>` through the real binary (Protocol/SPEC.md §3.7): a lost
/// device is no longer waited for, on every device after a sync; unknown devices, this device and
/// a device retired already are refused clearly, writing nothing.
@Suite struct DevicesRetireTests {
    @Test func retiringALostDeviceStopsWaitingForItEverywhere() throws {
        let box = try SyncSandbox("retire")
        let devices = try ["laptop", "desktop", "phone"].map { try SyncDevice($0) }
        defer { box.cleanup(); devices.forEach { $0.cleanup() } }
        let (laptop, desktop, phone) = (devices[0], devices[1], devices[2])
        for d in devices { try d.sync(box.folder) }
        try laptop.cli.ok(["contact", "add", "Ada Lovelace"])
        try laptop.sync(box.folder)
        try desktop.sync(box.folder)
        // The phone is lost: it never acknowledges Ada.
        let awaited = try laptop.sync(box.folder)
        #expect((awaited["garbage"] as? [String: Any])?["awaiting"] as? [String] == [phone.id.hex])

        let out = try desktop.cli.ok(["devices", "retire", String(phone.id.hex.prefix(6))])
        #expect(out.contains("Retired phone"))
        try desktop.sync(box.folder)
        let report = try laptop.sync(box.folder)
        #expect((report["garbage"] as? [String: Any])?["awaiting"] as? [String] == [])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(laptop.cli.ok(["devices", "--json"]).utf8)) as? [[String: Any]])
        let retired = list.filter { $0["retired"] as? Bool == true }.compactMap { $0["id"] as? String }
        #expect(retired == [phone.id.hex])
        #expect(try laptop.cli.ok(["devices"]).contains("retired"))
    }

    @Test func refusalsAreClearAndWriteNothing() throws {
        let box = try SyncSandbox("retire-errors")
        let devices = try ["laptop", "phone"].map { try SyncDevice($0) }
        defer { box.cleanup(); devices.forEach { $0.cleanup() } }
        let (laptop, phone) = (devices[0], devices[1])
        for d in devices { try d.sync(box.folder) }
        try laptop.sync(box.folder)
        let before = try laptop.cli.databaseFingerprint()

        let unknown = try laptop.cli.run(["devices", "retire", "tablet"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no known device is \"tablet\""), "\(unknown)")
        let me = try laptop.cli.run(["devices", "retire", "laptop"])
        #expect(me.status == 1 && me.stderr.contains("that is this device"), "\(me)")
        #expect(try laptop.cli.databaseFingerprint() == before, "a refusal writes nothing")

        try laptop.cli.ok(["devices", "retire", phone.id.hex])
        let again = try laptop.cli.run(["devices", "retire", "PHONE"])
        #expect(again.status == 1 && again.stderr.contains("retired already"), "\(again)")
        let missing = try laptop.cli.run(["devices", "retire"])
        #expect(missing.status == 64, "a missing device is a usage error")
    }
}
