import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// The rules of adding and editing contacts, through the kit on a real database.
@Suite struct ContactRulesTests {
    @Test func aNewContactStartsOnTheWishlistWithAnUnknownVoter() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        let ada = try kit.addContact(ContactDraft(name: "  Ada Lovelace ")).contact
        #expect(ada.name == "Ada Lovelace")
        #expect(ada.stage == .want)
        #expect(ada.voter == .unknown)

        var draft = ContactDraft(name: "Grace")
        draft.stage = .active
        draft.voter = .set
        let grace = try kit.addContact(draft).contact
        #expect(grace.stage == .active && grace.voter == .set)

        #expect(throws: WorkspaceError(.emptyValue, field: "name")) { try kit.addContact(ContactDraft(name: " \n")) }
    }

    @Test func aLinkedInProfileGivesTheIdAndIsNeverAddedTwice() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        var draft = ContactDraft(name: "Ada")
        draft.linkedin = "HTTP://LinkedIn.com/in/ada-l/?trk=x"
        let ada = try kit.addContact(draft).contact
        let canonical = try FieldNormalizer.linkedin("linkedin.com/in/ada-l")
        #expect(ada.linkedin == canonical)
        #expect(ada.id == Schema.linkedinContactID(canonical))

        var again = ContactDraft(name: "Ada L.")
        again.linkedin = "https://www.linkedin.com/in/ada-l"
        #expect(throws: WorkspaceError(.alreadyExists, field: "linkedin", detail: ada.id.hex)) { try kit.addContact(again) }

        try kit.removeContact(ada.id)
        #expect(throws: WorkspaceError(.alreadyExistsDeleted, field: "linkedin", detail: ada.id.hex)) { try kit.addContact(again) }
        try kit.restoreContact(ada.id)

        // A profile set on another contact by an edit is refused too.
        let bob = try kit.addContact(ContactDraft(name: "Bob")).contact
        var changes = ContactChanges()
        changes.linkedin = .set("linkedin.com/in/bob")
        try kit.editContact(bob.id, changes)
        var third = ContactDraft(name: "Robert")
        third.linkedin = "https://linkedin.com/in/bob/"
        #expect(throws: WorkspaceError(.alreadyExists, field: "linkedin", detail: bob.id.hex)) { try kit.addContact(third) }
        #expect(try kit.contacts().map(\.name) == ["Ada", "Bob"], "nothing was written by the refused adds")
    }

    @Test func theSameNameIsReportedNotRefused() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        let first = try kit.addContact(ContactDraft(name: "Ada")).contact
        let second = try kit.addContact(ContactDraft(name: "ada"))
        #expect(second.sameName.map(\.id) == [first.id])
        #expect(try kit.contacts().count == 2)
    }

    @Test func inputIsNormalisedTheSameWayForEveryClient() throws {
        #expect(try FieldNormalizer.email(" Ada@Example.ORG ") == "Ada@example.org")
        #expect(throws: WorkspaceError.self) { try FieldNormalizer.email("ada@example") }
        #expect(throws: WorkspaceError.self) { try FieldNormalizer.email("ada example.org") }
        #expect(try FieldNormalizer.phone("+1 (555) 010-9999") == "+1 (555) 010-9999")
        #expect(throws: WorkspaceError.self) { try FieldNormalizer.phone("call me") }
        #expect(try FieldNormalizer.url("ada.example.org/blog") == "https://ada.example.org/blog")
        #expect(throws: WorkspaceError.self) { try FieldNormalizer.url("ftp://ada.example.org") }
        #expect(throws: WorkspaceError.self) { try FieldNormalizer.linkedin("https://example.org/in/ada") }
        #expect(try FieldNormalizer.tags([" Mentors ", "mentors", "Open  Source"]) == ["mentors", "open source"])
        #expect(throws: WorkspaceError(.emptyValue, field: "tags")) { try FieldNormalizer.tags(["  "]) }

        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        var draft = ContactDraft(name: "Ada")
        draft.emails = ["ada@EXAMPLE.org, a@x.org", "ADA@example.org"]
        draft.urls = ["ada.dev"]
        let ada = try kit.addContact(draft).contact
        #expect(ada.emails == ["ada@example.org", "a@x.org"])
        #expect(ada.urls == ["https://ada.dev"])

        var bad = ContactDraft(name: "Eve")
        bad.emails = ["eve@example.org", "not-an-email"]
        #expect(throws: WorkspaceError(.malformed, field: "emails", detail: "an address like name@example.org")) { try kit.addContact(bad) }
        var negative = ContactDraft(name: "Eve")
        negative.cadence = -1
        #expect(throws: WorkspaceError(.outOfRange, field: "cadence", detail: "0 or more days")) { try kit.addContact(negative) }
        #expect(try kit.contacts().map(\.name) == ["Ada"])
    }

    @Test func anEditSetsOnlyTheGivenFieldsAndAddsToLists() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        var draft = ContactDraft(name: "Ada")
        draft.organization = "Analytical Engines"
        draft.notes = "met at PyData"
        draft.emails = ["a@x.org"]
        let ada = try kit.addContact(draft).contact

        var changes = ContactChanges()
        changes.stage = .set(.active)
        changes.notes = .clear
        changes.addEmails = ["b@X.org", "a@x.org"]
        let result = try kit.editContact(ada.id, changes)
        #expect(result.changed == ["stage", "notes", "emails"])
        #expect(result.contact.stage == .active)
        #expect(result.contact.notes == nil)
        #expect(result.contact.organization == "Analytical Engines")
        #expect(result.contact.emails == ["a@x.org", "b@x.org"])

        #expect(throws: WorkspaceError(.emptyValue, detail: "nothing to change")) { try kit.editContact(ada.id, ContactChanges()) }
        var empty = ContactChanges()
        empty.name = "  "
        #expect(throws: WorkspaceError(.emptyValue, field: "name")) { try kit.editContact(ada.id, empty) }
        var unknown = ContactChanges()
        unknown.stage = .set(.unrecognized("hot"))
        #expect(throws: WorkspaceError.self) { try kit.editContact(ada.id, unknown) }
    }

    @Test func addingToAListInConflictIsRefusedAndWritesNothing() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let laptop = try f.make("laptop", device: 1)
        let phone = try f.make("phone", device: 2)
        let ada = try laptop.addContact(ContactDraft(name: "Ada")).contact
        try f.exchange(laptop, phone)
        var one = ContactChanges()
        one.emails = .set(["a@x.org"])
        try laptop.editContact(ada.id, one)
        var two = ContactChanges()
        two.emails = .set(["b@x.org"])
        try phone.editContact(ada.id, two)
        try f.exchange(phone, laptop)
        let before = try laptop.store.version()

        var add = ContactChanges()
        add.addEmails = ["c@x.org"]
        add.notes = .set("would be lost too")
        #expect(throws: WorkspaceError(.listInConflict, field: "emails")) { try laptop.editContact(ada.id, add) }
        #expect(try laptop.store.version() == before, "nothing was written")

        // Giving the whole list resolves the conflict, and an addition on top of it is fine.
        var whole = ContactChanges()
        whole.emails = .set(["a@x.org", "b@x.org"])
        whole.addEmails = ["c@x.org"]
        #expect(try laptop.editContact(ada.id, whole).contact.emails == ["a@x.org", "b@x.org", "c@x.org"])
    }

    @Test func anEditThatSetsAnotherContactsProfileSaysSo() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        var draft = ContactDraft(name: "Ada")
        draft.linkedin = "linkedin.com/in/ada"
        let ada = try kit.addContact(draft).contact
        let copy = try kit.addContact(ContactDraft(name: "A. Lovelace")).contact
        var changes = ContactChanges()
        changes.linkedin = .set("https://www.linkedin.com/in/ada/")
        #expect(try kit.editContact(copy.id, changes).sameLinkedIn?.id == ada.id)
        var same = ContactChanges()
        same.notes = .set("x")
        #expect(try kit.editContact(ada.id, same).sameLinkedIn == nil)
    }

    @Test func restoreBringsBackOnlyWhatIsDeleted() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        let ada = try kit.addContact(ContactDraft(name: "Ada")).contact
        #expect(throws: WorkspaceError(.notDeleted)) { try kit.restoreContact(ada.id) }
        try kit.removeContact(ada.id)
        #expect(try kit.contacts().isEmpty)
        #expect(throws: StoreError.notFound(entity: "contact", query: ada.id.hex)) { try kit.removeContact(ada.id) }
        #expect(try kit.contact(matching: "Ada", includeDeleted: true).id == ada.id)
        try kit.restoreContact(ada.id)
        #expect(try kit.contacts().map(\.id) == [ada.id])
    }

    @Test func aDeleteVsEditConflictIsResolvedByRestore() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let laptop = try f.make("laptop", device: 1)
        let phone = try f.make("phone", device: 2)
        let ada = try laptop.addContact(ContactDraft(name: "Ada")).contact
        try f.exchange(laptop, phone)
        try laptop.removeContact(ada.id)
        var changes = ContactChanges()
        changes.notes = .set("still here")
        try phone.editContact(ada.id, changes)
        try f.exchange(phone, laptop)
        #expect(try laptop.contact(id: ada.id)?.isDeleted == false, "kept visible by the concurrent edit")
        try laptop.restoreContact(ada.id)
        #expect(try laptop.store.conflicts().isEmpty)
    }

    @Test func aMergeCopiesWhatTheSurvivorLacksAndCombinesLists() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        var a = ContactDraft(name: "Ada")
        a.emails = ["a@x.org"]
        let ada = try kit.addContact(a).contact
        var d = ContactDraft(name: "Ada L.")
        d.emails = ["b@x.org"]
        d.organization = "Engines"
        d.tags = ["mentors"]
        let dup = try kit.addContact(d).contact

        #expect(throws: WorkspaceError(.sameRecord)) { try kit.mergeContact(ada.id, into: ada.id) }
        let merged = try kit.mergeContact(dup.id, into: ada.id)
        #expect(Set(merged.copied) == ["emails", "organization"])
        #expect(merged.survivor.emails == ["a@x.org", "b@x.org"])
        #expect(merged.survivor.organization == "Engines")
        #expect(merged.duplicate.mergedInto == ada.id)
        #expect(try kit.contact(matching: dup.id.hex).id == ada.id, "the duplicate leads to the survivor")
        #expect(try kit.tags(of: .contact, ada.id) == ["mentors"])

        // A tag that came from the duplicate is removed where it is.
        try kit.untag(.contact, ada.id, removing: ["Mentors"])
        #expect(try kit.tags(of: .contact, ada.id).isEmpty)
    }
}
