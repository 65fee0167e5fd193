import Testing
import TouchbaseCore
import TouchbaseTestSupport

/// `Merger.apply` and the delete-vs-edit rule of `Merger.status` (DESIGN.md §3 "Deletes never
/// silently eat edits"), on hand-built Changes applied in causal order.
@Suite struct MergerTests {
    /// Applies Changes (in the order given, which must be causal) to fresh storage.
    static func storage(_ changes: [Change]) throws -> MemoryStorage {
        var s = MemoryStorage()
        for c in changes {
            try Merger.apply(c, to: &s)
            s.noteApplied(c)
        }
        return s
    }

    static func status(_ changes: [Change], _ record: UInt64 = 1) throws -> RecordStatus {
        var s = try storage(changes)
        return try Merger.status(of: contactKey(record), in: &s)
    }

    static let create = change(1, 1, [put(1, "name", .text("Ada")), put(1, "role", .text("CTO"))])

    @Test func applyReportsTouchedFields() throws {
        var s = MemoryStorage()
        let touched = try Merger.apply(change(1, 1, [put(1, "name", .text("A")), put(2, "name", .text("B")), put(1, "role", .null)]), to: &s)
        #expect(touched == [contactKey(1): ["name", "role"], contactKey(2): ["name"]])
        let again = try Merger.apply(change(1, 1, [put(1, "name", .text("A"))]), to: &s)
        #expect(again.isEmpty)
    }

    @Test("Unknown entities and fields are merged like any other")
    func unknownNamesAreKept() throws {
        let s = try Self.storage([change(1, 1, [Op(entity: "x-future", record: Fixtures.record(1), field: "x-field", value: .unknown(tag: 0x41, bytes: [9]))])])
        #expect(s.register(FieldKey(entity: "x-future", record: Fixtures.record(1), field: "x-field")).value == .unknown(tag: 0x41, bytes: [9]))
    }

    @Test func neverDeleted() throws {
        #expect(try Self.status([Self.create]) == RecordStatus(deleted: false, editedDuringDelete: []))
        #expect(try Self.status([], 9) == RecordStatus(deleted: false, editedDuringDelete: []))
    }

    @Test func deleteThatSawEveryEdit() throws {
        let s = try Self.status([Self.create, change(2, 1, deps: [1: 1], [put(1, "deleted", .bool(true))])])
        #expect(s.deleted)
        #expect(!s.hasDeleteConflict)
    }

    @Test("Created and deleted in the same Change: deleted")
    func deleteInTheSameChange() throws {
        let s = try Self.status([change(1, 1, [put(1, "name", .text("x")), put(1, "deleted", .bool(true))])])
        #expect(s.deleted)
    }

    @Test("A delete concurrent with an edit keeps the record visible, naming the field")
    func concurrentEdit() throws {
        let delete = change(1, 2, [put(1, "deleted", .bool(true))])
        let edit = change(2, 1, deps: [1: 1], [put(1, "role", .text("CEO"))])
        for order in [[Self.create, delete, edit], [Self.create, edit, delete]] {
            let s = try Self.status(order)
            #expect(!s.deleted)
            #expect(s.editedDuringDelete == ["role"])
            #expect(s.hasDeleteConflict)
        }
    }

    @Test("An edit made after seeing the delete also keeps the record visible")
    func editAfterDelete() throws {
        let delete = change(1, 2, [put(1, "deleted", .bool(true))])
        let edit = change(2, 1, deps: [1: 2], [put(1, "name", .text("Back"))])
        let s = try Self.status([Self.create, delete, edit])
        #expect(!s.deleted)
        #expect(s.editedDuringDelete == ["name"])
    }

    @Test("Re-deleting after seeing the edit resolves the conflict")
    func redeleteResolves() throws {
        let delete = change(1, 2, [put(1, "deleted", .bool(true))])
        let edit = change(2, 1, deps: [1: 1], [put(1, "role", .text("CEO"))])
        let again = change(1, 3, deps: [2: 1], [put(1, "deleted", .bool(true))])
        let s = try Self.status([Self.create, delete, edit, again])
        #expect(s.deleted)
        #expect(!s.hasDeleteConflict)
    }

    @Test("Restoring resolves the conflict by keeping the record")
    func restoreResolves() throws {
        let delete = change(1, 2, [put(1, "deleted", .bool(true))])
        let edit = change(2, 1, deps: [1: 1], [put(1, "role", .text("CEO"))])
        let restore = change(2, 2, deps: [1: 2], [put(1, "deleted", .bool(false))])
        let s = try Self.status([Self.create, delete, edit, restore])
        #expect(s == RecordStatus(deleted: false, editedDuringDelete: []))
    }

    @Test("Any surviving delete that saw a value covers it")
    func twoConcurrentDeletes() throws {
        let edit = change(2, 1, deps: [1: 1], [put(1, "role", .text("CEO"))])
        let sawEdit = change(2, 2, [put(1, "deleted", .bool(true))])
        let blind = change(3, 1, deps: [1: 1], [put(1, "deleted", .bool(true))])
        let s = try Self.status([Self.create, edit, sawEdit, blind])
        #expect(s.deleted)
    }

    @Test("A displayed restore wins over a concurrent delete")
    func concurrentDeleteAndRestore() throws {
        let delete = change(1, 2, hlc: 100, [put(1, "deleted", .bool(true))])
        let restore = change(2, 1, hlc: 200, deps: [1: 1], [put(1, "deleted", .bool(false))])
        #expect(try Self.status([Self.create, delete, restore]) == RecordStatus(deleted: false, editedDuringDelete: []))
        let delete2 = change(1, 2, hlc: 300, [put(1, "deleted", .bool(true))])
        #expect(try Self.status([Self.create, delete2, restore]).deleted)
    }

    @Test("Edited fields are listed sorted; unedited fields are not")
    func sortedFields() throws {
        let delete = change(1, 2, [put(1, "deleted", .bool(true))])
        let edit = change(2, 1, deps: [1: 1], [put(1, "zeta", .int(1)), put(1, "alpha", .int(2))])
        #expect(try Self.status([Self.create, delete, edit]).editedDuringDelete == ["alpha", "zeta"])
    }
}

@Suite struct MergeGraphTests {
    let a = Fixtures.record(1), b = Fixtures.record(2), c = Fixtures.record(3), d = Fixtures.record(4)

    func resolve(_ start: RecordID, _ edges: [RecordID: RecordID]) -> MergeGraph.Resolution {
        MergeGraph.resolve(start) { edges[$0] }
    }

    @Test func unmergedIsItsOwnSurvivor() {
        #expect(resolve(a, [:]).leads(to: a, cycle: []))
    }

    @Test func chain() {
        let edges = [a: b, b: c]
        #expect(resolve(a, edges).leads(to: c, cycle: []))
        #expect(resolve(b, edges).survivor == c)
        #expect(resolve(c, edges).survivor == c)
    }

    @Test("A cycle of two resolves to the smaller id from either side")
    func cycleOfTwo() {
        let edges = [a: b, b: a]
        #expect(resolve(a, edges).leads(to: a, cycle: [a, b]))
        #expect(resolve(b, edges).leads(to: a, cycle: [a, b]))
    }

    @Test func cycleOfThree() {
        let edges = [c: a, a: b, b: c]
        for start in [a, b, c] {
            #expect(resolve(start, edges).leads(to: a, cycle: [a, b, c]))
        }
    }

    @Test("A chain into a cycle leads to the cycle's survivor; the tail is not a member")
    func chainIntoCycle() {
        let edges = [a: d, d: b, b: c, c: b]
        let r = resolve(a, edges)
        #expect(r.survivor == b)
        #expect(r.cycle == [b, c])
    }

    @Test func selfMergeIsACycleOfOne() {
        #expect(resolve(a, [a: a]).leads(to: a, cycle: [a]))
    }

    @Test func errorsPropagate() {
        struct Boom: Error {}
        #expect(throws: Boom.self) { try MergeGraph.resolve(a) { _ in throw Boom() } }
    }
}
