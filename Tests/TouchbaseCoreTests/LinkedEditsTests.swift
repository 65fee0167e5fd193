import Testing
import TouchbaseCore
import TouchbaseTestSupport

/// Edits that reach a record through a merge or a delete stay visible (Protocol/SPEC.md §13):
/// the reproductions on in-memory replicas, each delivered in every order.
@Suite struct LinkedEditsTests {
    let now: UInt64 = 1_767_603_600_000
    let d1 = Fixtures.device(1), d2 = Fixtures.device(2)
    static let x = Fixtures.record(1), y = Fixtures.record(2), touch = Fixtures.record(9)

    func touchOps(_ contact: RecordID) -> [Op] {
        RecordOps.put("interaction", Self.touch, [("contact", .ref(contact)), ("kind", .text("new-touch"))])
    }

    /// Two replicas that start from `base` (made on a) then edit concurrently, and an observer that
    /// receives everything in reverse; returns all three after exchanging.
    func concurrently(base: [[Op]], a aOps: [[Op]], b bOps: [[Op]]) -> [Replica] {
        var a = Replica(device: d1), b = Replica(device: d2)
        var all: [Change] = []
        for ops in base { all.append(a.commit(ops, wallMilliseconds: now)) }
        b.receive(all)
        var fromA: [Change] = [], fromB: [Change] = []
        for ops in aOps { fromA.append(a.commit(ops, wallMilliseconds: now + 10)) }
        for ops in bOps { fromB.append(b.commit(ops, wallMilliseconds: now + 20)) }
        a.receive(fromB)
        b.receive(fromA)
        var observer = Replica(device: Fixtures.device(3))
        observer.receive((all + fromA + fromB).reversed())
        return [a, b, observer]
    }

    @Test("a merges X into Y while b deletes Y: Y stays visible with a delete-vs-edit conflict, the touch on X with it")
    func mergeIntoConcurrentlyDeletedRecord() {
        let replicas = concurrently(
            base: [RecordOps.put("contact", Self.x, [("name", .text("Ada"))]) + RecordOps.put("contact", Self.y, [("name", .text("Ada L."))])],
            a: [touchOps(Self.x), RecordOps.merge("contact", from: Self.x, into: Self.y)],
            b: [RecordOps.delete("contact", Self.y)])
        for r in replicas {
            #expect(r.state == replicas[0].state)
            let y = RecordKey(entity: "contact", record: Self.y), x = RecordKey(entity: "contact", record: Self.x)
            #expect(r.status(of: y).deleted == false, "never a double disappearance")
            #expect(r.resolve(x).survivor == Self.y)
            let conflict = r.conflicts.first { $0.kind == .deleteVsEdit }
            #expect(conflict?.record == y)
            #expect(conflict?.editedFields == [])
            #expect(conflict?.links == [x, RecordKey(entity: "interaction", record: Self.touch)])
        }
    }

    @Test("Deleting again after seeing the merge hides the survivor; restoring keeps it")
    func deleteAgainResolves() {
        var replicas = concurrently(
            base: [RecordOps.put("contact", Self.x, [("name", .text("Ada"))]) + RecordOps.put("contact", Self.y, [("name", .text("Ada L."))])],
            a: [RecordOps.merge("contact", from: Self.x, into: Self.y)],
            b: [RecordOps.delete("contact", Self.y)])
        let again = replicas[1].commit(RecordOps.delete("contact", Self.y), wallMilliseconds: now + 30)
        replicas[0].receive([again])
        let y = RecordKey(entity: "contact", record: Self.y)
        #expect(replicas[0].status(of: y).deleted)
        #expect(replicas[0].conflicts.isEmpty)
    }

    @Test("b edits X's email and ask while a merges X into Y: a merge-vs-edit conflict names them on every replica")
    func editOfMergeLoser() {
        let replicas = concurrently(
            base: [RecordOps.put("contact", Self.x, [("name", .text("Ada")), ("emails", .texts(["ada@old.io"]))])
                   + RecordOps.put("contact", Self.y, [("name", .text("Ada L."))])],
            a: [RecordOps.merge("contact", from: Self.x, into: Self.y)],
            b: [RecordOps.put("contact", Self.x, [("emails", .texts(["ada@new.io"])), ("ask", .text("intro to Bob"))])])
        let x = RecordKey(entity: "contact", record: Self.x), y = RecordKey(entity: "contact", record: Self.y)
        for r in replicas {
            #expect(r.state == replicas[0].state)
            #expect(r.resolve(x).survivor == Self.y, "the merge still holds meanwhile")
            let conflicts = r.conflicts
            #expect(conflicts.map(\.kind) == [.mergeVsEdit])
            #expect(conflicts.first?.record == x)
            #expect(conflicts.first?.editedFields == ["ask", "emails"])
            #expect(conflicts.first?.links == [y])
            #expect(r.status(of: x).editedDuringMerge == ["ask", "emails"])
        }
        // Merging again after seeing the edits resolves it.
        var a = replicas[0]
        a.commit(RecordOps.merge("contact", from: Self.x, into: Self.y), wallMilliseconds: now + 40)
        #expect(a.conflicts.isEmpty)
    }

    @Test("Edits the merge saw, and the merge's own Change, are not a conflict")
    func editsSeenByTheMerge() {
        let replicas = concurrently(
            base: [RecordOps.put("contact", Self.x, [("name", .text("Ada"))]) + RecordOps.put("contact", Self.y, [("name", .text("Ada L."))])],
            a: [RecordOps.put("contact", Self.x, [("ask", .text("seen"))]),
                RecordOps.merge("contact", from: Self.x, into: Self.y) + RecordOps.put("contact", Self.x, [("notes", .text("same change"))])],
            b: [])
        #expect(replicas.allSatisfy { $0.conflicts.isEmpty })
    }

    @Test("A touch logged while another device deletes the contact keeps the contact visible with a delete-vs-edit conflict")
    func touchDuringDelete() {
        let replicas = concurrently(
            base: [RecordOps.put("contact", Self.x, [("name", .text("Ada"))])],
            a: [touchOps(Self.x)],
            b: [RecordOps.delete("contact", Self.x)])
        let x = RecordKey(entity: "contact", record: Self.x)
        for r in replicas {
            #expect(r.state == replicas[0].state)
            #expect(r.status(of: x).deleted == false)
            let conflict = r.conflicts.first { $0.kind == .deleteVsEdit }
            #expect(conflict?.record == x)
            #expect(conflict?.links == [RecordKey(entity: "interaction", record: Self.touch)])
        }
    }

    @Test("A touch the delete saw is hidden with the contact, without a conflict")
    func touchBeforeDelete() {
        let replicas = concurrently(
            base: [RecordOps.put("contact", Self.x, [("name", .text("Ada"))]), touchOps(Self.x)],
            a: [],
            b: [RecordOps.delete("contact", Self.x)])
        for r in replicas {
            #expect(r.status(of: RecordKey(entity: "contact", record: Self.x)).deleted)
            #expect(r.conflicts.isEmpty)
        }
    }

    @Test("A touch on a merged duplicate, logged while its survivor is deleted, keeps the survivor visible")
    func touchOnDuplicateDuringDeleteOfSurvivor() {
        let replicas = concurrently(
            base: [RecordOps.put("contact", Self.x, [("name", .text("Ada"))]) + RecordOps.put("contact", Self.y, [("name", .text("Ada L."))]),
                   RecordOps.merge("contact", from: Self.x, into: Self.y)],
            a: [touchOps(Self.x)],
            b: [RecordOps.delete("contact", Self.y)])
        for r in replicas {
            #expect(r.status(of: RecordKey(entity: "contact", record: Self.y)).deleted == false)
            #expect(r.conflicts.first?.links == [RecordKey(entity: "interaction", record: Self.touch)])
        }
    }

    @Test("Merging copies every value of both records' lists, conflicting ones included")
    func mergeCopiesKeepEveryListValue() {
        var a = Replica(device: d1), b = Replica(device: d2)
        let base = a.commit(RecordOps.put("contact", Self.x, [("name", .text("Ada")), ("emails", .texts(["ada@x.io"])), ("ask", .text("coffee"))])
                            + RecordOps.put("contact", Self.y, [("name", .text("Ada L."))]), wallMilliseconds: now)
        b.receive([base])
        let ca = a.commit(RecordOps.put("contact", Self.y, [("emails", .texts(["ada@work.com"]))]), wallMilliseconds: now + 1)
        let cb = b.commit(RecordOps.put("contact", Self.y, [("emails", .texts(["ada@home.net"]))]), wallMilliseconds: now + 2)
        a.receive([cb])
        b.receive([ca])
        func registers(_ id: RecordID) -> [String: Register] { a.storage.registers(of: RecordKey(entity: "contact", record: id)) }
        let copies = RecordOps.mergeCopies(from: registers(Self.x), into: registers(Self.y), schema: Schema.contact)
        #expect(copies.map(\.field) == ["emails", "ask"])
        #expect(copies.first?.value == .texts(["ada@home.net", "ada@work.com", "ada@x.io"]))
        #expect(copies.last?.value == .text("coffee"))
        // A survivor's own value is kept unless the field is overridden.
        let over = RecordOps.mergeCopies(from: registers(Self.y), into: registers(Self.x), schema: Schema.contact, overriding: ["ask"])
        #expect(over.map(\.field) == ["emails"])
    }
}
