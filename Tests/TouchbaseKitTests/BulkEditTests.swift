import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// A bulk edit previews who changes, then writes every change in one edit that syncs as one.
@Suite struct BulkEditTests {
    func world() throws -> (KitFixture, Workspace, [RecordID]) {
        let f = try KitFixture()
        let kit = try f.make()
        var ids: [RecordID] = []
        for (name, org, tags) in [("Ada", "Zillow", ["alumni"]), ("Bob", "zillów", ["alumni"]), ("Cy", "Acme", ["alumni"]), ("Di", "Zillow", [String]())] {
            var d = ContactDraft(name: name)
            d.organization = org
            d.tags = tags
            ids.append(try kit.addContact(d).contact.id)
        }
        return (f, kit, ids)
    }

    @Test func thePreviewWritesNothingAndTheEditIsOneChange() throws {
        let (f, kit, ids) = try world()
        defer { f.cleanup() }
        var edit = BulkEdit()
        edit.filter.tag = "Alumni"
        edit.stage = .docket
        edit.addTags = ["class-2019"]
        edit.cadence = .some(30)
        let before = try kit.store.version()
        let preview = try kit.bulkEdit(edit, apply: false)
        #expect(preview.changes.map(\.id) == Array(ids.prefix(3)))
        #expect(!preview.applied)
        #expect(preview.changes[0].steps == [.stage(from: .want, to: .docket), .tagAdded("class-2019"), .cadence(from: nil, to: 30)])
        #expect(try kit.store.version() == before)

        let result = try kit.bulkEdit(edit, apply: true)
        #expect(result.applied && result.changes.count == 3)
        let after = try kit.store.version()
        let device = try #require(after.sorted.first?.0)
        #expect(after[device] == before[device] + 1)
        for id in ids.prefix(3) {
            let c = try #require(try kit.contact(id: id))
            #expect(c.stage == .docket && c.cadence == 30)
            #expect(try kit.tags(of: .contact, id).contains("class-2019"))
        }
        #expect(try kit.contact(id: ids[3])?.stage == .want)
        // Again: nothing left to change.
        let again = try kit.bulkEdit(edit, apply: true)
        #expect(again.changes.isEmpty && again.unchanged == 3 && !again.applied)
    }

    @Test func theOrganisationFilterIgnoresCaseAndAccentsAndTagsAreRemoved() throws {
        let (f, kit, ids) = try world()
        defer { f.cleanup() }
        var edit = BulkEdit(organization: "ZILLOW")
        edit.voter = .swing
        edit.removeTags = ["alumni"]
        let result = try kit.bulkEdit(edit, apply: true)
        #expect(Set(result.changes.map(\.id)) == [ids[0], ids[1], ids[3]])
        #expect(result.changes.first { $0.id == ids[3] }?.steps == [.voter(from: .unknown, to: .swing)])
        #expect(try kit.tags(of: .contact, ids[0]).isEmpty)
        #expect(try kit.tags(of: .contact, ids[2]) == ["alumni"])
    }

    @Test func withoutAFilterOrAChangeItIsRefused() throws {
        let (f, kit, _) = try world()
        defer { f.cleanup() }
        var everyone = BulkEdit()
        everyone.stage = .active
        #expect(throws: WorkspaceError(.emptyValue, field: "filter")) { try kit.bulkEdit(everyone, apply: true) }
        #expect(throws: WorkspaceError(.emptyValue, field: "changes")) { try kit.bulkEdit(BulkEdit(organization: "Acme"), apply: true) }
        var tooLong = BulkEdit(organization: "Acme")
        tooLong.cadence = .some(100_000)
        #expect(throws: WorkspaceError.self) { try kit.bulkEdit(tooLong, apply: true) }
    }

    @Test func theEditSyncsToTheOtherDeviceAsOne() throws {
        let (f, kit, ids) = try world()
        defer { f.cleanup() }
        let other = try f.make("laptop", device: 2)
        try f.exchange(kit, other)
        var edit = BulkEdit()
        edit.filter.tag = "alumni"
        edit.stage = .active
        _ = try kit.bulkEdit(edit, apply: true)
        try f.exchange(kit, other)
        #expect(try ids.prefix(3).allSatisfy { try other.contact(id: $0)?.stage == .active })
    }
}
