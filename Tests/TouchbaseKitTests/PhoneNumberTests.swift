import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// A phone is kept as entered and compared by its key: the same number in two formats is stored once.
@Suite struct PhoneNumberTests {
    @Test func theSameNumberInTwoFormatsHasOneKey() {
        #expect(PhoneNumber.same("+44 20 7946 0018", "020 7946 0018"))
        #expect(PhoneNumber.same("+33 6 12 34 56 78", "06.12.34.56.78"))
        #expect(PhoneNumber.same("+1 (555) 010-0199", "555-010-0199"))
        #expect(PhoneNumber.same("tel:+15550100199", "555 010 0199"))
        #expect(!PhoneNumber.same("555-010-0199", "555-010-0198"))
        #expect(!PhoneNumber.same("555-010-0199 x12", "555-010-0199"))
        #expect(PhoneNumber.same("555-010-0199 x12", "(555) 010 0199 ext 12"))
    }

    @Test func addingAndEditingKeepsTheFirstFormOnce() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        var draft = ContactDraft(name: "Ada")
        draft.phones = ["+44 20 7946 0018", "020 7946 0018", "020-7946-0018"]
        let ada = try kit.addContact(draft).contact
        #expect(ada.phones == ["+44 20 7946 0018"])
        var changes = ContactChanges()
        changes.addPhones = ["(020) 7946 0018", "+44 7700 900123"]
        let edited = try kit.editContact(ada.id, changes).contact
        #expect(edited.phones == ["+44 20 7946 0018", "+44 7700 900123"])
    }

    @Test func anImportDoesNotAddTheSameNumberAgain() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        var draft = ContactDraft(name: "Ada Lovelace")
        draft.emails = ["ada@example.org"]
        draft.phones = ["+1 (555) 010-0199"]
        let ada = try kit.addContact(draft).contact
        var card = ContactCard(name: "Ada Lovelace", emails: ["ada@example.org"])
        card.phones = ["555.010.0199", "555 010 0200"]
        var once = Optional(ImportResult(format: .googleCSV, cards: [card]))
        _ = try kit.importContacts(format: .googleCSV) { once.take().map { (nil, $0) } }
        #expect(try kit.contact(id: ada.id)?.phones == ["+1 (555) 010-0199", "555 010 0200"])
    }

    @Test func mergingTwoRecordsKeepsOneNumberOnceAndTheFinderLinksThem() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        var a = ContactDraft(name: "Ada Lovelace")
        a.phones = ["+33 6 12 34 56 78"]
        var b = ContactDraft(name: "A. King")
        b.phones = ["06 12 34 56 78"]
        let ada = try kit.addContact(a).contact
        let king = try kit.addContact(b).contact
        #expect(try kit.duplicates().contains { Set(([$0.survivor] + $0.duplicates).map(\.id)) == [ada.id, king.id] })
        _ = try kit.mergeContact(king.id, into: ada.id)
        #expect(try kit.contact(id: ada.id)?.phones == ["+33 6 12 34 56 78"])
    }
}
