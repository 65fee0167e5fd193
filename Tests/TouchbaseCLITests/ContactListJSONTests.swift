import Foundation
import Testing
import TouchbaseCore
import TouchbaseKit
import TouchbaseStore
@testable import TouchbaseCLI

/// `contact list --json` is written directly (the measured fast path), not through its Codable
/// type: the two must say the same.
@Suite struct ContactListJSONTests {
    @Test func theFastPathWritesWhatTheCodableFormSays() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tb-list-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.create(at: Workspace.databaseURL(in: dir).path, deviceName: "laptop")
        let kit = Workspace(store: store, directory: dir)

        var ada = ContactDraft(name: "Ada \"the Countess\" Lovelace")
        ada.emails = ["ada@example.org", "a@x.org"]
        ada.cadence = 30
        ada.birthday = CalendarDate("--12-10")
        ada.tags = ["mentors", "pydata"]
        ada.notes = "line one\nline two\t/ slash"
        let kept = try kit.addContact(ada).contact
        let dup = try kit.addContact(ContactDraft(name: "Ada L.")).contact
        try kit.mergeContact(dup.id, into: kept.id)
        let gone = try kit.addContact(ContactDraft(name: "Zoë")).contact
        try kit.removeContact(gone.id)

        var all = ContactFilter()
        all.includeHidden = true
        let items = try kit.contactList(all)
        #expect(items.count == 3)
        let fast = Data(JSONWriter.bytes(count: items.count) { Touchbase.Contact.List.jsonPairs(items[$0]) })
        let codable = try JSONOutput.encoded(items)
        let a = try #require(try JSONSerialization.jsonObject(with: fast) as? [[String: Any]])
        let b = try #require(try JSONSerialization.jsonObject(with: codable) as? [[String: Any]])
        #expect(NSArray(array: a).isEqual(to: b), "\(String(decoding: fast, as: UTF8.self))\nvs\n\(String(decoding: codable, as: UTF8.self))")
        #expect(try JSONDecoder().decode([ContactListItem].self, from: fast) == items)
    }
}
