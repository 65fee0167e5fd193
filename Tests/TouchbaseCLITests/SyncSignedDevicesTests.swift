import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync

/// Issue 8, "A member cannot speak for another device", through the real binary: a member device
/// that writes `changes/<another device>/…` with its own valid key is rejected, reported and never
/// applied; `history` and `devices` show only what verified devices signed.
@Suite struct SyncSignedDevicesTests {
    @Test func aMemberCannotSpeakForAnotherDevice() throws {
        let box = try SyncSandbox("signed")
        let devices = try ["laptop", "desktop", "tablet"].map { try SyncDevice($0) }
        defer { box.cleanup(); devices.forEach { $0.cleanup() } }
        let (a, b, c) = (devices[0], devices[1], devices[2])
        let f = box.folder

        // init made each device's signing key, private, next to its database.
        let keyPath = a.cli.home.appendingPathComponent("touchbase-signing.key").path
        let mode = (try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)

        try a.cli.ok(["contact", "add", "Ada Lovelace", "--org", "Engines"])
        try a.sync(f)
        try b.sync(f)
        try c.sync(f)
        let ada = try #require(try c.contacts().first?["id"] as? String)

        // The desktop, a member with the folder and its own key, writes the laptop's next Change.
        let record = try #require(RecordID(hex: ada))
        let forged = Change(device: a.id, seq: 2, hlc: HLC(milliseconds: 1_772_442_000_000 + 3_600_000, counter: 0), deps: VersionVector(),
                            ops: [Op(entity: "contact", record: record, field: "organization", value: .text("Forged Ltd"))])
        let bStore = try b.store()
        try SharedFolder(path: f.path).signing(with: try DeviceKeyFile.loadOrCreate(for: bStore)).publish([forged])
        let forgedPath = "changes/\(a.id.hex)/2-2.tbc"

        let report = try c.sync(f)
        let rejected = try #require(report["rejected"] as? [[String: Any]])
        #expect(rejected.count == 1)
        #expect(rejected.first?["file"] as? String == forgedPath)
        #expect(rejected.first?["error"] as? String == "keyMismatch")
        #expect(rejected.first?["device"] as? String == a.id.hex)
        #expect(report["importedTotal"] as? Int == 0)

        let text = try c.cli.run(["sync", "--folder", f.path])
        #expect(text.status == 0)
        #expect(text.stdout.contains("rejected 1 file not signed by the device it names (never applied):"), "\(text.stdout)")
        #expect(text.stdout.contains("\(forgedPath): signed by another device's key"), "\(text.stdout)")

        // Nothing of it is applied or attributed to the laptop.
        #expect(try c.contactsByName()["Ada Lovelace"]?["organization"] as? String == "Engines")
        let history = try c.cli.ok(["history", "Ada"])
        #expect(!history.contains("Forged"), "\(history)")
        #expect(history.contains("1 change"), "\(history)")

        // `devices` shows each pinned key; the laptop's matches the laptop's own.
        let list = try #require(try JSONSerialization.jsonObject(with: Data(try c.cli.ok(["devices", "--json"]).utf8)) as? [[String: Any]])
        let laptopOnTablet = try #require(list.first { $0["id"] as? String == a.id.hex }?["key"] as? [String: Any])
        let laptopOwn = try #require(try JSONSerialization.jsonObject(with: Data(try a.cli.ok(["devices", "--json"]).utf8)) as? [[String: Any]])
            .first { $0["this"] as? Bool == true }?["key"] as? [String: Any]
        #expect(laptopOnTablet["fingerprint"] as? String == laptopOwn?["fingerprint"] as? String)
        #expect(try c.cli.ok(["devices"]).contains("key: \(laptopOnTablet["fingerprint"] as? String ?? "?")"))

        // A card for the laptop with the desktop's key is refused, and shown.
        try SharedFolder(path: f.path).signing(with: try DeviceKeyFile.loadOrCreate(for: bStore))
            .writeDeviceCard(DeviceCard(device: a.id, name: "laptop", createdAt: 1))
        let cardReport = try c.sync(f)
        #expect((cardReport["rejected"] as? [[String: Any]])?.contains { $0["file"] as? String == "devices/\(a.id.hex).tbd" } == true)
        #expect(try c.cli.ok(["devices"]).contains("refused another key"))
    }
}
