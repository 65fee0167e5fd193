import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// Hubs first-class: a stage (on the wishlist like a person), synced and forward compatible, and
/// the records the agenda's imports write, kept by a version that does not know them.
@Suite struct HubStageTests {
    @Test func aHubOnTheWishlistSyncsAndCanBeCleared() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let laptop = try f.make("laptop", device: 1)
        let phone = try f.make("phone", device: 2)
        var draft = HubDraft(name: "Women in Data")
        draft.stage = .want
        draft.schedule = "first Monday of the month, 18:30"
        let hub = try laptop.addHub(draft)
        #expect(hub.stage == .want)
        try f.exchange(laptop, phone)
        var filter = HubFilter()
        filter.stage = .want
        #expect(try phone.hubList(filter).map(\.hub.name) == ["Women in Data"])
        #expect(try phone.nextSession(of: #require(try phone.hub(id: hub.id))) != nil)

        var changes = HubChanges()
        changes.stage = .set(.active)
        try phone.editHub(hub.id, changes)
        try f.exchange(phone, laptop)
        #expect(try laptop.hub(id: hub.id)?.stage == .active)
        #expect(try laptop.hubList(filter).isEmpty)
        changes.stage = .clear
        try laptop.editHub(hub.id, changes)
        #expect(try laptop.hub(id: hub.id)?.stage == nil)
        changes.stage = .set(.unrecognized("hot"))
        #expect(throws: WorkspaceError(.malformed, field: "stage", detail: "want, docket, pending, active, dormant")) {
            try laptop.editHub(hub.id, changes)
        }
    }

    @Test func whatANewerVersionWritesOnHubsAndJobChangesSurvives() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        let relay = try f.make("desktop", device: 3)
        let hub = try kit.addHub(HubDraft(name: "Founders"))
        var newer = Replica(device: Fixtures.device(9))
        let future = Fixtures.record(4242)
        let change = newer.commit([Op(entity: "hub", record: hub.id, field: "stage", value: .text("archived")),
                                   Op(entity: "hub", record: hub.id, field: "x-capacity", value: .int(40)),
                                   Op(entity: "jobChange", record: future, field: "contact", value: .ref(Fixtures.record(1))),
                                   Op(entity: "jobChange", record: future, field: "x-sentiment", value: .text("promotion")),
                                   Op(entity: "x-opportunity", record: future, field: "role", value: .text("Data lead"))],
                                  wallMilliseconds: f.clock.now + 10)
        _ = try kit.store.apply([change])
        let seen = try #require(try kit.hub(id: hub.id))
        #expect(seen.stage == .unrecognized("archived") && seen.unknownFields == ["x-capacity": .int(40)])
        var edit = HubChanges()
        edit.notes = .set("edited by this version")
        try kit.editHub(hub.id, edit)
        let after = try #require(try kit.hub(id: hub.id))
        #expect(after.stage == .unrecognized("archived") && after.unknownFields == ["x-capacity": .int(40)])
        // Everything, the unknown entity included, is forwarded to another device unchanged.
        try f.exchange(kit, relay)
        #expect(try relay.hub(id: hub.id)?.stage == .unrecognized("archived"))
        let registers = try relay.store.registers(of: RecordKey(entity: "x-opportunity", record: future))
        #expect(registers["role"]?.values.map(\.value) == [.text("Data lead")])
        #expect(try relay.store.registers(of: RecordKey(entity: "jobChange", record: future))["x-sentiment"] != nil)
    }
}
