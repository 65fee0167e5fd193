import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// Hubs, tags and memberships through the kit on a real database.
@Suite struct HubAndTagRulesTests {
    @Test func aHubNameIsUniqueAndItsPageNormalised() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        var draft = HubDraft(name: " PyData ")
        draft.url = "pydata.org"
        draft.tags = ["Python"]
        let hub = try kit.addHub(draft)
        #expect(hub.name == "PyData" && hub.url == "https://pydata.org")
        #expect(try kit.tags(of: .hub, hub.id) == ["python"])
        #expect(throws: WorkspaceError(.alreadyExists, field: "name", detail: hub.id.hex)) { try kit.addHub(HubDraft(name: "pydata")) }
        var bad = HubDraft(name: "Other")
        bad.url = "not a url"
        #expect(throws: WorkspaceError(.malformed, field: "url", detail: "an http or https address")) { try kit.addHub(bad) }

        var changes = HubChanges()
        changes.schedule = .set("first Tuesday")
        changes.url = .clear
        changes.name = "PyData Berlin"
        let edited = try kit.editHub(hub.id, changes)
        #expect(edited.changed == ["name", "schedule", "url"])
        #expect(edited.hub.url == nil && edited.hub.schedule == "first Tuesday" && edited.hub.name == "PyData Berlin")
        #expect(try kit.hubList().map { [$0.hub.name, "\($0.members)", $0.tags.joined()] } == [["PyData Berlin", "0", "python"]])

        #expect(throws: WorkspaceError(.notDeleted)) { try kit.restoreHub(hub.id) }
        try kit.removeHub(hub.id)
        #expect(try kit.hubList().isEmpty)
        try kit.restoreHub(hub.id)
        #expect(try kit.hub(matching: "berlin").id == hub.id)
    }

    @Test func joiningAndLeavingFollowMerges() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        let hub = try kit.addHub(HubDraft(name: "PyData"))
        let ada = try kit.addContact(ContactDraft(name: "Ada")).contact
        var d = ContactDraft(name: "Ada L.")
        d.hubs = [hub.id]
        let dup = try kit.addContact(d).contact
        try kit.join(contact: ada.id, hub: hub.id, role: "  ")
        #expect(try kit.memberships(ofContact: ada.id).map(\.role) == [nil])
        try kit.join(contact: ada.id, hub: hub.id, role: " speaker ")
        #expect(try kit.memberships(ofContact: ada.id).map(\.role) == ["speaker"])

        try kit.mergeContact(dup.id, into: ada.id)
        try kit.leave(contact: ada.id, hub: hub.id)
        #expect(try kit.memberships(ofHub: hub.id).isEmpty, "the duplicate's membership ended too")
        #expect(throws: WorkspaceError(.notMember)) { try kit.leave(contact: ada.id, hub: hub.id) }
        let deleted = try kit.addHub(HubDraft(name: "Gone"))
        try kit.removeHub(deleted.id)
        #expect(throws: StoreError.notFound(entity: "hub", query: deleted.id.hex)) { try kit.join(contact: ada.id, hub: deleted.id) }
    }

    @Test func removingATagNotCarriedRemovesNothing() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        let ada = try kit.addContact(ContactDraft(name: "Ada")).contact
        #expect(try kit.tag(.contact, ada.id, with: ["Mentors", " mentors", "PyData  Berlin"]) == ["mentors", "pydata berlin"])
        #expect(throws: WorkspaceError(.notTagged, field: "tags")) { try kit.untag(.contact, ada.id, removing: ["mentors", "founders"]) }
        #expect(try kit.tags(of: .contact, ada.id) == ["mentors", "pydata berlin"])
        #expect(try kit.untaggedNames(.contact, ada.id, ["Mentors", "Founders"]) == ["founders"])
        #expect(try kit.tagCounts() == [TagCount(name: "mentors", contacts: 1, hubs: 0), TagCount(name: "pydata berlin", contacts: 1, hubs: 0)])
        try kit.untag(.contact, ada.id, removing: ["MENTORS"])
        #expect(try kit.tags(of: .contact, ada.id) == ["pydata berlin"])
    }

    @Test func historySaysWhatEachChangeDid() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        let hub = try kit.addHub(HubDraft(name: "PyData"))
        var draft = ContactDraft(name: "Ada")
        draft.tags = ["mentors"]
        draft.hubs = [hub.id]
        let ada = try kit.addContact(draft).contact
        f.clock.advance(milliseconds: 1000)
        var changes = ContactChanges()
        changes.stage = .set(.active)
        changes.organization = .clear
        try kit.editContact(ada.id, changes)
        try kit.leave(contact: ada.id, hub: hub.id)

        let history = try kit.history(of: .contact, ada.id)
        #expect(history.count == 3)
        #expect(history[0].deviceName == "phone" && history[0].sequence == 2)
        let first = history[0].events
        #expect(first.contains(.fields(duplicate: nil, changes: [.set(field: "name", value: .text("Ada")),
                                                                 .set(field: "stage", value: .text("want")),
                                                                 .set(field: "voter", value: .text("unknown"))])))
        #expect(first.contains(.tagged("mentors")))
        #expect(first.contains(.joined(contact: ada.id, hub: hub.id, role: nil)))
        #expect(history[1].events == [.fields(duplicate: nil, changes: [.set(field: "stage", value: .text("active")), .cleared(field: "organization")])])
        #expect(history[1].milliseconds == history[0].milliseconds + 1000)
        #expect(history[2].events == [.left(contact: ada.id, hub: hub.id)])
        #expect(try kit.history(of: .hub, hub.id).count == 3, "the hub's own change, the join, the leave")
    }

    @Test func searchFindsContactsAndHubs() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        var draft = ContactDraft(name: "Tomás Zillow")
        draft.notes = "works on compilers"
        let tomas = try kit.addContact(draft).contact
        let hits = try kit.search("tomas compil")
        #expect(hits.map(\.record) == [tomas.id])
        #expect(hits[0].kind == .contact && hits[0].segments.contains { $0.isMatch })
        #expect(throws: WorkspaceError(.outOfRange, field: "limit", detail: "1 or more")) { try kit.search("x", limit: 0) }
    }
}
