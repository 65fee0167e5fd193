import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// Opportunities and versions: what a newer version writes on an opportunity survives an edit
/// here, and a device whose version does not know an entity (as the previous version did not know
/// opportunities) keeps its changes and passes them on.
@Suite struct OpportunityForwardCompatibilityTests {
    @Test func fieldsAndStagesANewerVersionWroteOnAnOpportunitySurviveAnEditHere() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        let o = try kit.addOpportunity(OpportunityDraft(role: "Dev", organization: "X")).opportunity
        var newer = Replica(device: Fixtures.device(9))
        let change = newer.commit([Op(entity: "opportunity", record: o.id, field: "x-salary", value: .text("90k")),
                                   Op(entity: "opportunity", record: o.id, field: "stage", value: .text("ghosted"))],
                                  wallMilliseconds: f.clock.now + 10)
        _ = try kit.store.apply([change])
        let seen = try #require(try kit.opportunity(id: o.id))
        #expect(seen.stage == .unrecognized("ghosted"))
        #expect(seen.unknownFields == ["x-salary": .text("90k")])
        #expect(try kit.opportunities().map(\.id) == [o.id], "an unknown stage is listed, not hidden")

        var changes = OpportunityChanges()
        changes.notes = .set("edited by an older client")
        try kit.editOpportunity(o.id, changes)
        let after = try #require(try kit.opportunity(id: o.id))
        #expect(after.unknownFields == ["x-salary": .text("90k")])
        #expect(after.stage == .unrecognized("ghosted"))
        #expect(after.notes == "edited by an older client")
        #expect(try JSONDecoder().decode(Opportunity.self, from: try JSONEncoder().encode(after)) == after)
    }

    @Test func aDeviceThatDoesNotKnowAnEntityKeepsItsChangesAndPassesThemOn() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let older = try f.make("older", device: 1)
        let third = try f.make("third", device: 2)
        var newer = Replica(device: Fixtures.device(9))
        let id = Fixtures.record(4242)
        let change = newer.commit([Op(entity: "x-future-entity", record: id, field: "role", value: .text("Staff engineer")),
                                   Op(entity: "x-future-entity", record: id, field: "x-stage", value: .text("sourcing"))],
                                  wallMilliseconds: f.clock.now + 10)
        #expect(try older.store.apply([change]).applied.count == 1)
        let kept = try older.store.registers(of: RecordKey(entity: "x-future-entity", record: id))
        #expect(kept["role"]?.value == .text("Staff engineer"))
        #expect(kept["x-stage"]?.value == .text("sourcing"))
        // An edit here carries on; the other device gets the newer one's change through this one.
        _ = try older.addContact(ContactDraft(name: "Ada"))
        try f.exchange(older, third)
        #expect(try third.store.changes(of: Fixtures.device(9), after: 0) == [change])
        #expect(try third.store.registers(of: RecordKey(entity: "x-future-entity", record: id))["role"]?.value == .text("Staff engineer"))
    }
}
