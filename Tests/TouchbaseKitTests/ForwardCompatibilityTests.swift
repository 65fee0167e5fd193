import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// What a newer version writes survives a round trip through this kit: fields it does not know,
/// stages and voters it does not know.
@Suite struct ForwardCompatibilityTests {
    @Test func unknownStagesAndVotersAreKeptAsWritten() throws {
        #expect(Stage(rawValue: "docket") == .docket)
        #expect(Stage(rawValue: "archived") == .unrecognized("archived"))
        #expect(Stage(rawValue: "archived").rawValue == "archived")
        #expect(Voter(rawValue: "swing") == .swing)
        #expect(Voter(rawValue: "floating") == .unrecognized("floating"))
        #expect(try Stage(parsing: " Active ") == .active)
        #expect(throws: WorkspaceError(.malformed, field: "stage", detail: "want, docket, pending, active, dormant")) { try Stage(parsing: "hot") }
        #expect(throws: WorkspaceError(.malformed, field: "voter", detail: "set, swing, unknown")) { try Voter(parsing: "maybe") }
        let json = try JSONEncoder().encode([Stage.unrecognized("archived"), .want])
        #expect(try JSONDecoder().decode([Stage].self, from: json) == [.unrecognized("archived"), .want])
    }

    @Test func fieldsANewerVersionWroteSurviveAnEditHere() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        let ada = try kit.addContact(ContactDraft(name: "Ada")).contact
        var newer = Replica(device: Fixtures.device(9))
        let change = newer.commit([Op(entity: "contact", record: ada.id, field: "x-pronouns", value: .text("she")),
                                   Op(entity: "contact", record: ada.id, field: "stage", value: .text("archived"))],
                                  wallMilliseconds: f.clock.now + 10)
        _ = try kit.store.apply([change])

        let seen = try #require(try kit.contact(id: ada.id))
        #expect(seen.stage == .unrecognized("archived"))
        #expect(seen.unknownFields == ["x-pronouns": .text("she")])

        var changes = ContactChanges()
        changes.notes = .set("edited by an older client")
        try kit.editContact(ada.id, changes)
        let after = try #require(try kit.contact(id: ada.id))
        #expect(after.unknownFields == ["x-pronouns": .text("she")])
        #expect(after.stage == .unrecognized("archived"))
        #expect(after.notes == "edited by an older client")

        // The JSON form keeps them too, and reads back to the same contact.
        let decoded = try JSONDecoder().decode(Contact.self, from: try JSONEncoder().encode(after))
        #expect(decoded == after)
    }

    @Test func anInteractionANewerVersionWroteKeepsWhatThisOneDoesNotKnowThroughAnEdit() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        let ada = try kit.addContact(ContactDraft(name: "Ada")).contact
        let id = Fixtures.record(77)
        var newer = Replica(device: Fixtures.device(9))
        let change = newer.commit([Op(entity: "interaction", record: id, field: "contact", value: .ref(ada.id)),
                                   Op(entity: "interaction", record: id, field: "date", value: .date(kit.today)),
                                   Op(entity: "interaction", record: id, field: "kind", value: .text("coffee-chat")),
                                   Op(entity: "interaction", record: id, field: "x-mood", value: .text("great"))],
                                  wallMilliseconds: f.clock.now + 10)
        _ = try kit.store.apply([change])

        let seen = try #require(try kit.interaction(id: id))
        #expect(seen.interaction.kind == .unknown("coffee-chat"))
        #expect(seen.interaction.otherFields["x-mood"] == .text("great"))
        #expect(try kit.timeline(ofContact: ada.id).map(\.id) == [id])

        var changes = InteractionChanges()
        changes.learned = .set("edited by an older client")
        try kit.editInteraction(id, changes)
        let after = try #require(try kit.interaction(id: id))
        #expect(after.interaction.kind == .unknown("coffee-chat"))
        #expect(after.interaction.otherFields["x-mood"] == .text("great"))
        #expect(after.interaction.learned == "edited by an older client")
    }
}
