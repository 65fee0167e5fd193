import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// Opportunities are synced records: two devices on one shared folder create and edit them, and
/// end with the same opportunity, the same links and the same conflicts.
@Suite struct OpportunitySyncTests {
    @Test func twoDevicesCreateAndEditAnOpportunityThroughTheFolder() async throws {
        let dir = try KitTemporaryDirectory("opps")
        let folder = try dir.directory("shared")
        let clock = TestClock(milliseconds: 1_772_452_800_000)
        let random = KitRandom(seed: 0x0955)
        let laptop = try KitFixtures.workspace("laptop", in: dir, clock: clock, random: random, folder: folder)
        let phone = try KitFixtures.workspace("phone", in: dir, clock: clock, random: random, folder: folder)
        func sync(_ w: Workspace) async throws { _ = try await w.sync(try w.openFolder { _ in nil }) }

        let ben = try laptop.addContact(ContactDraft(name: "Ben Okri")).contact
        var draft = OpportunityDraft(role: "Data Engineer", organization: "Northwind")
        draft.nextStep = "read the blog"
        let o = try laptop.addOpportunity(draft).opportunity
        try await sync(laptop)
        try await sync(phone)
        #expect(try phone.opportunity(id: o.id)?.nextStep == "read the blog")

        // Offline on both: the phone links Ben and moves the stage; the laptop edits the notes and
        // the next step; the phone edits the next step too (a real disagreement).
        clock.advance(milliseconds: 60_000)
        try phone.linkContact(OpportunityLinkInput(contact: ben.id, role: .referrer), toOpportunity: o.id)
        var onPhone = OpportunityChanges()
        onPhone.stage = .applied
        onPhone.nextStep = .set("call Ben")
        try phone.editOpportunity(o.id, onPhone)
        var onLaptop = OpportunityChanges()
        onLaptop.notes = .set("team of six")
        onLaptop.nextStep = .set("ask Ben for a referral")
        try laptop.editOpportunity(o.id, onLaptop)
        // And both create the same link's pair offline: one record under the derived id.
        try laptop.linkContact(OpportunityLinkInput(contact: ben.id, role: .referrer), toOpportunity: o.id)

        try await sync(phone)
        try await sync(laptop)
        try await sync(phone)

        for w in [laptop, phone] {
            let seen = try #require(try w.opportunity(id: o.id))
            #expect(seen.stage == .applied)
            #expect(seen.notes == "team of six")
            #expect(seen.applied == CalendarDate("2026-03-02"))
            #expect(try w.people(ofOpportunity: o.id).map(\.contact.id) == [ben.id])
            let conflicts = try w.conflicts(of: RecordKey(entity: "opportunity", record: o.id))
            #expect(conflicts.map(\.field) == ["nextStep"])
            #expect(Set(conflicts.first?.values.compactMap { $0.value.text } ?? []) == ["call Ben", "ask Ben for a referral"])
        }
        #expect(try laptop.opportunity(id: o.id) == phone.opportunity(id: o.id))

        // Resolving on one device resolves it on both.
        let conflict = try #require(try laptop.conflicts(of: RecordKey(entity: "opportunity", record: o.id)).first)
        try laptop.resolve(conflict, with: .value(.text("ask Ben for a referral")))
        try await sync(laptop)
        try await sync(phone)
        #expect(try phone.conflicts(of: RecordKey(entity: "opportunity", record: o.id)).isEmpty)
        #expect(try phone.opportunity(id: o.id)?.nextStep == "ask Ben for a referral")
    }
}
