import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// Edits that reach a record through a merge or a delete stay visible, and list edits never drop a
/// value (Protocol/SPEC.md §13), materialized in SQLite the way the Core rules say.
@Suite struct StoreLinkedEditsTests {
    static let x = Fixtures.record(1), y = Fixtures.record(2), touch = Fixtures.record(9)

    static func sync(_ stores: [Store]) throws {
        let all = try stores.flatMap(StoreOracle.allChanges)
        for store in stores { #expect(try store.apply(all).waiting.isEmpty) }
    }

    static func visibleNames(_ store: Store) throws -> [String] {
        try store.records(RecordQuery(entity: "contact")).map(\.displayName)
    }

    func twoStores(_ dir: TempStores) throws -> (Store, Store) {
        let a = try dir.make("a", device: 1), b = try dir.make("b", device: 2)
        try a.commit(RecordOps.put("contact", Self.x, [("name", .text("Ada")), ("emails", .texts(["ada@old.io"]))])
                     + RecordOps.put("contact", Self.y, [("name", .text("Ada L."))]))
        try Self.sync([a, b])
        return (a, b)
    }

    @Test("a merges X into Y while b deletes Y: Y stays visible with the touch, as a delete-vs-edit conflict")
    func mergeIntoConcurrentlyDeletedRecord() throws {
        let dir = try TempStores()
        defer { dir.cleanup() }
        let (a, b) = try twoStores(dir)
        try a.commit(RecordOps.put("interaction", Self.touch, [("contact", .ref(Self.x)), ("kind", .text("new-touch"))]))
        try a.commit(RecordOps.merge("contact", from: Self.x, into: Self.y))
        try b.commit(RecordOps.delete("contact", Self.y))
        try Self.sync([a, b])
        for store in [a, b] {
            #expect(try Self.visibleNames(store) == ["Ada L."], "never a double disappearance")
            #expect(try store.record("contact", id: Self.y)?.deleted == false)
            #expect(try store.recentInteractions(ofContact: Self.y).map(\.id) == [Self.touch], "the touch shows under the survivor")
            let conflicts = try store.conflicts()
            #expect(conflicts.map(\.kind) == [.deleteVsEdit])
            #expect(conflicts.first?.links == [RecordKey(entity: "contact", record: Self.x), RecordKey(entity: "interaction", record: Self.touch)])
            try StoreOracle.expectLogAndRegistersAgree(store)
        }
        // Deleting again, having seen the merge, hides it for good.
        try b.commit(RecordOps.delete("contact", Self.y))
        try Self.sync([a, b])
        for store in [a, b] {
            #expect(try Self.visibleNames(store).isEmpty)
            #expect(try store.conflicts().isEmpty)
            try StoreOracle.expectLogAndRegistersAgree(store)
        }
    }

    @Test("b edits X's email and ask while a merges X into Y: a merge-vs-edit conflict, resolved by merging again")
    func editOfMergeLoser() throws {
        let dir = try TempStores()
        defer { dir.cleanup() }
        let (a, b) = try twoStores(dir)
        try a.merge("contact", Self.x, into: Self.y)
        try b.commit(RecordOps.put("contact", Self.x, [("emails", .texts(["ada@new.io"])), ("ask", .text("intro to Bob"))]))
        try Self.sync([a, b])
        for store in [a, b] {
            let conflicts = try store.conflicts()
            #expect(conflicts.map(\.kind) == [.mergeVsEdit])
            #expect(conflicts.first?.record.record == Self.x)
            #expect(conflicts.first?.editedFields == ["ask", "emails"])
            #expect(conflicts.first?.links == [RecordKey(entity: "contact", record: Self.y)])
            try StoreOracle.expectLogAndRegistersAgree(store)
        }
        // The resolution carries the edits into the survivor.
        try a.merge("contact", Self.x, into: Self.y, overriding: ["ask", "emails"])
        try Self.sync([a, b])
        for store in [a, b] {
            #expect(try store.conflicts().isEmpty)
            let survivor = try store.record("contact", id: Self.y)
            #expect(survivor?["ask"] == .text("intro to Bob"))
            #expect(survivor?["emails"] == .texts(["ada@old.io", "ada@new.io"]))
            try StoreOracle.expectLogAndRegistersAgree(store)
        }
    }

    @Test("A touch logged while another device deletes the contact keeps it visible with a delete-vs-edit conflict")
    func touchDuringDelete() throws {
        let dir = try TempStores()
        defer { dir.cleanup() }
        let (a, b) = try twoStores(dir)
        try a.commit(RecordOps.put("interaction", Self.touch, [("contact", .ref(Self.x)), ("kind", .text("new-touch"))]))
        try b.commit(RecordOps.delete("contact", Self.x))
        try Self.sync([a, b])
        for store in [a, b] {
            #expect(try Self.visibleNames(store) == ["Ada", "Ada L."])
            #expect(try store.recentInteractions(ofContact: Self.x).map(\.id) == [Self.touch])
            let conflicts = try store.conflicts()
            #expect(conflicts.map(\.kind) == [.deleteVsEdit])
            #expect(conflicts.first?.links == [RecordKey(entity: "interaction", record: Self.touch)])
            try StoreOracle.expectLogAndRegistersAgree(store)
        }
        // Moving the touch to another contact (having seen the delete) lets the delete through.
        try a.commit(RecordOps.put("interaction", Self.touch, [("contact", .ref(Self.y))]))
        try Self.sync([a, b])
        for store in [a, b] {
            #expect(try Self.visibleNames(store) == ["Ada L."])
            #expect(try store.conflicts().isEmpty)
            try StoreOracle.expectLogAndRegistersAgree(store)
        }
    }

    @Test("Adding to a list in conflict is refused and writes nothing; a whole list resolves it")
    func addToListInConflict() throws {
        let dir = try TempStores()
        defer { dir.cleanup() }
        let (a, b) = try twoStores(dir)
        try a.commit(RecordOps.put("contact", Self.x, [("emails", .texts(["ada@work.com"]))]))
        try b.commit(RecordOps.put("contact", Self.x, [("emails", .texts(["ada@home.net"]))]))
        try Self.sync([a, b])
        let before = try StoreOracle.snapshot(a)
        let key = RecordKey(entity: "contact", record: Self.x)
        #expect(throws: StoreError.listInConflict(entity: "contact", field: "emails")) {
            try a.commit([], adding: [("emails", ["ada@new.io"])], to: key)
        }
        #expect(try StoreOracle.snapshot(a) == before, "nothing written")
        // Given in full, the list replaces both values; then additions work.
        try a.commit(RecordOps.put("contact", Self.x, [("emails", .texts(["ada@work.com", "ada@home.net"]))]),
                     adding: [("emails", ["ada@new.io"])], to: key)
        #expect(try a.record("contact", id: Self.x)?["emails"] == .texts(["ada@work.com", "ada@home.net", "ada@new.io"]))
        try a.commit([], adding: [("emails", ["ada@more.io", "ADA@new.io"])], to: key)
        #expect(try a.record("contact", id: Self.x)?["emails"] == .texts(["ada@work.com", "ada@home.net", "ada@new.io", "ada@more.io"]))
        #expect(try a.conflicts().isEmpty)
    }

    @Test("Merging keeps every value of both records' lists, conflicting ones included")
    func mergeKeepsEveryListValue() throws {
        let dir = try TempStores()
        defer { dir.cleanup() }
        let (a, b) = try twoStores(dir)
        try a.commit(RecordOps.put("contact", Self.y, [("emails", .texts(["ada@work.com"]))]))
        try b.commit(RecordOps.put("contact", Self.y, [("emails", .texts(["ada@home.net"]))]))
        try Self.sync([a, b])
        let copied = try a.merge("contact", Self.x, into: Self.y).copied
        #expect(copied == ["emails"])
        let emails = try a.record("contact", id: Self.y)?["emails"].texts ?? []
        #expect(Set(emails) == ["ada@work.com", "ada@home.net", "ada@old.io"])
        #expect(try a.conflicts().isEmpty)
        try StoreOracle.expectLogAndRegistersAgree(a)
    }

    @Test("An import adding an email to a list in conflict keeps every value")
    func importAddsToListInConflict() throws {
        let dir = try TempStores()
        defer { dir.cleanup() }
        let (a, b) = try twoStores(dir)
        try a.commit(RecordOps.put("contact", Self.y, [("emails", .texts(["ada@work.com"]))]))
        try b.commit(RecordOps.put("contact", Self.y, [("emails", .texts(["ada@home.net"]))]))
        try Self.sync([a, b])
        try a.importPeople([ImportPerson(name: "Ada L.", emails: ["ada@work.com", "ada@new.io"])])
        let emails = try a.record("contact", id: Self.y)?["emails"].texts ?? []
        #expect(Set(emails) == ["ada@work.com", "ada@home.net", "ada@new.io"])
        #expect(try a.records(RecordQuery(entity: "contact")).count == 2, "matched, not created")
    }
}
