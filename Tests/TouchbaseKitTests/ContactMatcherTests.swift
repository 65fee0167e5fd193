import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// Names are found whatever the case and accents, the same way for contacts, hubs and reasons,
/// and a miss suggests the nearest names.
@Suite struct ContactMatcherTests {
    @Test func foldingIgnoresCaseAccentsAndSpacing() {
        #expect(ContactMatcher.fold("Tomás  Herrera") == "tomas herrera")
        #expect(ContactMatcher.fold("LÉA") == "lea")
        #expect(ContactMatcher.fold("Søren Łukasz Strauß") == "soren lukasz strauss")
        #expect(ContactMatcher.fold("Zoë, Ann") == "zoe ann")
    }

    @Test func contactsAndHubsAreFoundWithoutAccentsOrCase() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        let tomas = try kit.addContact(ContactDraft(name: "Tomás Herrera")).contact
        let lea = try kit.addContact(ContactDraft(name: "Léa Dubois")).contact
        _ = try kit.addContact(ContactDraft(name: "Marcus Oyelaran"))
        let hub = try kit.addHub(HubDraft(name: "Café Numérique"))
        #expect(try kit.contact(matching: "tomas").id == tomas.id)
        #expect(try kit.contact(matching: "TOMAS HERRERA").id == tomas.id)
        #expect(try kit.contact(matching: "herrera tomas").id == tomas.id)
        #expect(try kit.contact(matching: "Lea").id == lea.id)
        #expect(try kit.contact(matching: "léa dubois").id == lea.id)
        #expect(try kit.hub(matching: "cafe numerique").id == hub.id)
        // The cadence target goes through the same matcher.
        #expect(try kit.cadenceTarget(named: "Tomas") == .contact(tomas.id))
        // The id forms still work.
        #expect(try kit.contact(matching: String(lea.id.hex.prefix(6))).id == lea.id)
        #expect(try kit.contact(matching: lea.id.hex).id == lea.id)
        // A merged duplicate, by id or id prefix, leads to the contact that stayed; by name it is gone.
        let dup = try kit.addContact(ContactDraft(name: "Tomas H. (old)")).contact
        _ = try kit.mergeContact(dup.id, into: tomas.id)
        #expect(try kit.contact(matching: String(dup.id.hex.prefix(8))).id == tomas.id)
        #expect(try kit.contact(matching: dup.id.hex).id == tomas.id)
        #expect(try kit.contact(matching: "tomas").id == tomas.id)
        #expect(try kit.contact(matching: "Tomas").name == "Tomás Herrera")
    }

    @Test func anExactNameWinsOverAPartAndSeveralPartsAreAmbiguous() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        let ben = try kit.addContact(ContactDraft(name: "Ben")).contact
        _ = try kit.addContact(ContactDraft(name: "Bénédicte Roy"))
        _ = try kit.addContact(ContactDraft(name: "Benoît Roy"))
        #expect(try kit.contact(matching: "ben").id == ben.id)
        do {
            _ = try kit.contact(matching: "roy")
            Issue.record("two Roys should be ambiguous")
        } catch let e as StoreError {
            #expect(e.code == .ambiguous && e.candidates.count == 2)
        }
    }

    @Test func aMissSuggestsTheNearestNames() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        let marcus = try kit.addContact(ContactDraft(name: "Marcus Oyelaran")).contact
        _ = try kit.addContact(ContactDraft(name: "Ada Lovelace"))
        do {
            _ = try kit.contact(matching: "Markus")
            Issue.record("Markus should match nobody")
        } catch let e as StoreError {
            #expect(e.code == .notFound)
            #expect(e.candidates.count == 1 && e.candidates[0].contains("Marcus Oyelaran"))
            #expect(!e.description.contains("Marcus"))
        }
        let typed = try kit.nameSuggestions(for: "Oyelaren")
        #expect(typed.map(\.id) == [marcus.id])
        #expect(typed.first?.distance == 1)
        #expect(try kit.nameSuggestions(for: "Zebedee").isEmpty)
    }
}
