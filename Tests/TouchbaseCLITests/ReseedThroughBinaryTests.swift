import Foundation
import Testing
import TouchbaseCore

/// A retired device that comes back after garbage collection, through the real binary
/// (Protocol/SPEC.md §3.7): the others removed their old change files while it was away, so it
/// lacks changes no file holds any more. It re-seeds from a snapshot, publishes every edit it made
/// offline, makes itself active again, and every device ends with the same contacts: nothing lost.
@Suite struct ReseedThroughBinaryTests {
    static func contactNames(_ d: SyncDevice) throws -> [String] {
        try d.contacts().compactMap { $0["name"] as? String }.sorted()
    }

    @Test func aRetiredDeviceComesBackAfterGarbageCollectionAndLosesNothing() throws {
        let box = try SyncSandbox("reseed")
        let devices = try ["laptop", "desktop", "phone"].map { try SyncDevice($0) }
        defer { box.cleanup(); devices.forEach { $0.cleanup() } }
        let (laptop, desktop, phone) = (devices[0], devices[1], devices[2])
        let f = box.folder
        for _ in 0..<2 { for d in devices { try d.sync(f) } }
        try laptop.cli.ok(["contact", "add", "Ada Lovelace", "--org", "Analytical"])
        try laptop.cli.ok(["contact", "add", "Grace Hopper"])
        for d in devices { try d.sync(f) }

        // The phone goes away and keeps working offline.
        try phone.cli.ok(["contact", "add", "Met on the train"])
        try phone.cli.ok(["contact", "edit", "Ada", "--notes", "from the phone"])
        // Meanwhile the others go on, retire the phone, snapshot and collect.
        try laptop.cli.ok(["contact", "add", "Linus Torvalds"])
        try laptop.sync(f)
        try desktop.cli.ok(["contact", "add", "Barbara Liskov"])
        try desktop.sync(f)
        try desktop.cli.ok(["devices", "retire", "phone"])
        for d in [laptop, desktop, laptop, desktop] { try d.sync(f) }
        try laptop.cli.ok(["snapshot"])
        try desktop.cli.ok(["snapshot"])
        for d in [laptop, desktop, laptop, desktop] { try d.sync(f) }
        let laptopFiles = (try? FileManager.default.contentsOfDirectory(atPath: f.appendingPathComponent("changes/\(laptop.id.hex)").path)) ?? []
        #expect(laptopFiles.filter { $0.hasSuffix(".tbc") }.isEmpty, "the laptop removed its old change files: \(laptopFiles)")

        // The phone comes back: it re-seeds, publishes its offline edits, and is active again.
        let back = try phone.sync(f)
        let garbage = try #require(back["garbage"] as? [String: Any])
        #expect(garbage["reseededFrom"] is String, "\(back)")
        #expect(garbage["cameBack"] as? Bool == true)
        #expect((back["published"] as? Int ?? 0) >= 2, "\(back)")
        for d in [laptop, desktop, phone, laptop, desktop, phone] { try d.sync(f) }

        let expected = ["Ada Lovelace", "Barbara Liskov", "Grace Hopper", "Linus Torvalds", "Met on the train"]
        for d in devices {
            #expect(try Self.contactNames(d) == expected, "\(d.name)")
            #expect(try d.contactsByName()["Ada Lovelace"]?["notes"] as? String == "from the phone", "\(d.name)")
        }
        #expect(try laptop.observed() == phone.observed())
        #expect(try desktop.observed() == phone.observed())
        let list = try #require(try JSONSerialization.jsonObject(with: Data(laptop.cli.ok(["devices", "--json"]).utf8)) as? [[String: Any]])
        #expect(list.allSatisfy { $0["retired"] as? Bool == false }, "the phone is waited for again")
        // The laptop compacted its log: its history of Ada says so instead of starting at the phone's edit.
        let history = try laptop.cli.ok(["history", "Ada"])
        #expect(history.contains("from the phone") && history.contains("1 earlier change was compacted"), "\(history)")
        let last = try phone.sync(f)
        #expect(last["published"] as? Int == 0 && (last["waiting"] as? [Any])?.isEmpty == true, "\(last)")
    }

    @Test func aDeviceAwayPastGarbageCollectionWithoutRetirementIsWaitedFor() throws {
        // Not retired, the away device holds every removal back: nothing it lacks leaves the folder.
        let box = try SyncSandbox("away")
        let devices = try ["laptop", "phone"].map { try SyncDevice($0) }
        defer { box.cleanup(); devices.forEach { $0.cleanup() } }
        let (laptop, phone) = (devices[0], devices[1])
        for _ in 0..<2 { for d in devices { try d.sync(box.folder) } }
        try laptop.cli.ok(["contact", "add", "Ada Lovelace"])
        try laptop.sync(box.folder)
        try laptop.cli.ok(["snapshot"])
        let r = try laptop.sync(box.folder)
        #expect((r["garbage"] as? [String: Any])?["removed"] as? [String] == [])
        #expect((r["garbage"] as? [String: Any])?["awaiting"] as? [String] == [phone.id.hex])
        let back = try phone.sync(box.folder)
        #expect((back["garbage"] as? [String: Any])?["reseededFrom"] == nil)
        #expect(try Self.contactNames(phone) == ["Ada Lovelace"])
        let after = try laptop.sync(box.folder)
        #expect(((after["garbage"] as? [String: Any])?["removed"] as? [String])?.count == 1, "\(after)")
    }
}
