import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// Delete-vs-edit and merge survivors, materialized in SQLite the way the Core rules say.
@Suite struct StoreDeleteAndMergeTests {
    static let ada = Fixtures.record(1), bob = Fixtures.record(2), cy = Fixtures.record(3)

    /// Sends each Store every Change the others have.
    static func sync(_ stores: [Store]) throws {
        let all = try stores.flatMap(StoreOracle.allChanges)
        for store in stores { #expect(try store.apply(all).waiting.isEmpty) }
    }

    static func visibleNames(_ store: Store) throws -> [String] {
        try store.records(RecordQuery(entity: "contact")).map(\.displayName)
    }

    @Test func aDeleteConcurrentWithAnEditKeepsTheRecordWithAConflict() throws {
        let dir = try TempStores()
        defer { dir.cleanup() }
        let a = try dir.make("a", device: 1), b = try dir.make("b", device: 2)
        try a.commit(RecordOps.put("contact", Self.ada, [("name", .text("Ada")), ("stage", .text("want"))]))
        try a.commit(RecordOps.put("interaction", Fixtures.record(9), [("contact", .ref(Self.ada)), ("kind", .text("meeting"))]))
        try Self.sync([a, b])

        try a.commit(RecordOps.delete("contact", Self.ada))
        #expect(try a.record("contact", id: Self.ada)?.deleted == true)
        #expect(try Self.visibleNames(a).isEmpty)
        #expect(try a.recentInteractions(ofContact: Self.ada).count == 1, "interactions are kept")
        dir.clock.advance(milliseconds: 1000)
        try b.commit(RecordOps.put("contact", Self.ada, [("notes", .text("met again"))]))
        try Self.sync([a, b])

        for store in [a, b] {
            #expect(try store.record("contact", id: Self.ada)?.deleted == false)
            #expect(try Self.visibleNames(store) == ["Ada"])
            let conflicts = try store.conflicts()
            #expect(conflicts.map(\.kind) == [.deleteVsEdit])
            #expect(conflicts.first?.editedFields == ["notes"])
            #expect(try store.find("contact", "ada").id == Self.ada)
            try StoreOracle.expectLogAndRegistersAgree(store)
        }

        // Deleting again, having seen the edit, deletes for good; restoring would have kept it.
        try a.commit(RecordOps.delete("contact", Self.ada))
        try Self.sync([a, b])
        for store in [a, b] {
            #expect(try store.record("contact", id: Self.ada)?.deleted == true)
            #expect(try store.conflicts().isEmpty)
            #expect(try store.find("contact", "Ada", includeDeleted: true).id == Self.ada)
            #expect(throws: StoreError.notFound(entity: "contact", query: "Ada")) { try store.find("contact", "Ada") }
        }
        try b.commit(RecordOps.restore("contact", Self.ada))
        try Self.sync([a, b])
        #expect(try Self.visibleNames(a) == ["Ada"])
        #expect(try a.record("contact", id: Self.ada)?["notes"] == .text("met again"), "a restore brings back every field")
    }

    @Test func aDeleteThatSawTheEditWins() throws {
        let dir = try TempStores()
        defer { dir.cleanup() }
        let a = try dir.make("a", device: 1), b = try dir.make("b", device: 2)
        try a.commit(RecordOps.put("contact", Self.ada, [("name", .text("Ada"))]))
        try Self.sync([a, b])
        try b.commit(RecordOps.put("contact", Self.ada, [("notes", .text("edited first"))]))
        try Self.sync([a, b])
        try a.commit(RecordOps.delete("contact", Self.ada))
        try Self.sync([a, b])
        for store in [a, b] {
            #expect(try store.record("contact", id: Self.ada)?.deleted == true)
            #expect(try store.conflicts().isEmpty)
        }
    }

    @Test func mergeChainsLeadToTheLastSurvivor() throws {
        let dir = try TempStores()
        defer { dir.cleanup() }
        let a = try dir.make("a", device: 1), b = try dir.make("b", device: 2)
        for (id, name) in [(Self.ada, "Ada"), (Self.bob, "Ada L."), (Self.cy, "A. Lovelace")] {
            try a.commit(RecordOps.put("contact", id, [("name", .text(name))]) + RecordOps.tag(id, name == "Ada" ? "mentors" : "founders"))
        }
        try a.commit(RecordOps.join(contact: Self.bob, hub: Fixtures.record(7)) + RecordOps.put("hub", Fixtures.record(7), [("name", .text("PyData"))]))
        try Self.sync([a, b])
        try a.commit(RecordOps.merge("contact", from: Self.ada, into: Self.bob))
        try b.commit(RecordOps.merge("contact", from: Self.bob, into: Self.cy))
        try Self.sync([a, b])
        for store in [a, b] {
            #expect(try store.record("contact", id: Self.ada)?.survivor == Self.cy)
            #expect(try store.record("contact", id: Self.bob)?.survivor == Self.cy)
            #expect(try store.record("contact", id: Self.cy)?.survivor == nil)
            #expect(try Self.visibleNames(store) == ["A. Lovelace"])
            #expect(try store.find("contact", Self.ada.hex).id == Self.cy, "reads follow mergedInto")
            #expect(try store.aliases(of: Self.cy, entity: "contact").sorted() == [Self.ada, Self.bob, Self.cy])
            #expect(try store.tagNames(of: Self.cy, entity: "contact") == ["founders", "mentors"])
            #expect(try store.memberships(ofContact: Self.cy).map(\.hub.displayName) == ["PyData"])
            var query = RecordQuery(entity: "contact")
            query.tag = "mentors"
            #expect(try store.records(query).map(\.id) == [Self.cy], "filters follow merges")
            #expect(try store.conflicts().isEmpty)
            try StoreOracle.expectLogAndRegistersAgree(store)
        }
    }

    @Test func concurrentMergesIntoEachOtherPickTheSameSurvivorEverywhere() throws {
        let dir = try TempStores()
        defer { dir.cleanup() }
        let a = try dir.make("a", device: 1), b = try dir.make("b", device: 2)
        try a.commit(RecordOps.put("contact", Self.ada, [("name", .text("Ada"))]) + RecordOps.put("contact", Self.bob, [("name", .text("Ada L."))]))
        try Self.sync([a, b])
        try a.commit(RecordOps.merge("contact", from: Self.ada, into: Self.bob))
        try b.commit(RecordOps.merge("contact", from: Self.bob, into: Self.ada))
        try Self.sync([a, b])
        let survivor = min(Self.ada, Self.bob)
        for store in [a, b] {
            #expect(try store.records(RecordQuery(entity: "contact")).map(\.id) == [survivor])
            let cycles = try store.conflicts().filter { $0.kind == .mergeCycle }
            #expect(cycles.map(\.cycle) == [[Self.ada, Self.bob].sorted()])
            #expect(cycles.first?.record.record == survivor)
            try StoreOracle.expectLogAndRegistersAgree(store)
        }
        #expect(try a.conflicts() == b.conflicts())

        // Resolving: the survivor stops pointing at the other.
        try a.commit(RecordOps.unmerge("contact", survivor))
        try Self.sync([a, b])
        for store in [a, b] {
            #expect(try store.conflicts().isEmpty)
            #expect(try store.records(RecordQuery(entity: "contact")).map(\.id) == [survivor])
        }
    }
}
