import Testing
import TouchbaseCore
import TouchbaseTestSupport

/// The in-memory replica: commits, gates, idempotent delivery, conflicts and state.
@Suite struct ReplicaTests {
    let now: UInt64 = 1_767_603_600_000
    let d1 = Fixtures.device(1), d2 = Fixtures.device(2), d3 = Fixtures.device(3)

    @Test func commitNumbersAndStamps() {
        var r = Replica(device: d1)
        let a = r.commit([put(1, "name", .text("A"))], wallMilliseconds: now)
        let b = r.commit([put(1, "name", .text("B"))], wallMilliseconds: now)
        #expect(a.seq == 1 && b.seq == 2)
        #expect(a.device == d1)
        #expect(b.hlc > a.hlc)
        #expect(a.deps == VersionVector() && b.deps == VersionVector())
        #expect(r.version == VersionVector([d1: 2]))
        #expect(r.log.count == 2)
        #expect(r.value(fieldKey(1, "name")) == .text("B"))
    }

    @Test("deps are the exact causal past: everything applied when the Change was made")
    func commitDeps() {
        var a = Replica(device: d1), b = Replica(device: d2)
        let x = a.commit([put(1, "name", .text("x"))], wallMilliseconds: now)
        b.receive([x])
        let y = b.commit([put(1, "name", .text("y"))], wallMilliseconds: now)
        #expect(y.deps == VersionVector([d1: 1]))
        #expect(y.causalPast == VersionVector([d1: 1]))
    }

    @Test("A Change waits for its predecessor, then both apply in order")
    func gateOnPredecessor() {
        var a = Replica(device: d1), b = Replica(device: d2)
        let c1 = a.commit([put(1, "name", .text("1"))], wallMilliseconds: now)
        let c2 = a.commit([put(1, "name", .text("2"))], wallMilliseconds: now)
        #expect(b.receive([c2]).isEmpty)
        #expect(b.pending.keys.sorted() == [c2.dot])
        #expect(b.waitingFor == [c2.dot: [c1.dot]])
        #expect(!b.isReady(c2))
        #expect(b.value(fieldKey(1, "name")) == .null)
        #expect(b.receive([c1]).map(\.dot) == [c1.dot, c2.dot])
        #expect(b.pending.isEmpty)
        #expect(b.value(fieldKey(1, "name")) == .text("2"))
    }

    @Test("A Change waits for every Change in its deps")
    func gateOnDeps() {
        var a = Replica(device: d1), b = Replica(device: d2), c = Replica(device: d3)
        let x = a.commit([put(1, "name", .text("x"))], wallMilliseconds: now)
        b.receive([x])
        let y = b.commit([put(1, "role", .text("y"))], wallMilliseconds: now)
        #expect(c.receive([y]).isEmpty)
        #expect(c.waitingFor[y.dot] == [x.dot])
        #expect(c.receive([x]).map(\.dot) == [x.dot, y.dot])
        #expect(c.state == b.state)
    }

    @Test("Delivery is idempotent: duplicates, own Changes and re-deliveries change nothing")
    func idempotent() {
        var a = Replica(device: d1), b = Replica(device: d2)
        let x = a.commit([put(1, "name", .text("x"))], wallMilliseconds: now)
        #expect(b.receive([x, x]).map(\.dot) == [x.dot])
        let state = b.state
        #expect(b.receive([x]).isEmpty)
        #expect(b.state == state)
        #expect(a.receive([x]).isEmpty)
        #expect(a.log.count == 1)
        #expect(b.pending.isEmpty)
    }

    @Test("Concurrent edits show a field conflict on both sides; a resolution clears it on both")
    func conflictAndResolution() throws {
        var a = Replica(device: d1), b = Replica(device: d2)
        let x = a.commit([put(1, "name", .text("Ada"))], wallMilliseconds: now)
        let y = b.commit([put(1, "name", .text("Ada L."))], wallMilliseconds: now + 1)
        a.receive([y]); b.receive([x])
        #expect(a.state == b.state)
        let conflict = try #require(a.conflicts.first)
        #expect(a.conflicts.count == 1)
        #expect(conflict.kind == .field)
        #expect(conflict.record == contactKey(1))
        #expect(conflict.field == "name")
        #expect(conflict.values.map(\.value) == [.text("Ada L."), .text("Ada")])
        #expect(a.value(fieldKey(1, "name")) == .text("Ada L."))
        let fix = a.commit([put(1, "name", .text("Ada Lovelace"))], wallMilliseconds: now)
        #expect(a.conflicts.isEmpty)
        b.receive([fix])
        #expect(b.conflicts.isEmpty)
        #expect(a.state == b.state)
    }

    @Test("Delete vs edit: the record stays visible on both sides with the conflict listed")
    func deleteVsEdit() throws {
        var a = Replica(device: d1), b = Replica(device: d2)
        let create = a.commit([put(1, "name", .text("Ada"))], wallMilliseconds: now)
        b.receive([create])
        let del = a.commit([put(1, "deleted", .bool(true))], wallMilliseconds: now + 1)
        let edit = b.commit([put(1, "role", .text("CTO"))], wallMilliseconds: now + 1)
        a.receive([edit]); b.receive([del])
        for r in [a, b] {
            #expect(!r.status(of: contactKey(1)).deleted)
            let c = try #require(r.conflicts.first { $0.kind == .deleteVsEdit })
            #expect(c.record == contactKey(1))
            #expect(c.field == "deleted")
            #expect(c.editedFields == ["role"])
            #expect(c.values.map(\.value) == [.bool(true)])
        }
        #expect(a.state == b.state)
        #expect(a.state.records[contactKey(1)]?.status.editedDuringDelete == ["role"])
    }

    @Test("Concurrent A→B and B→A merges: same survivor everywhere, shown as a cycle, broken by unmerging the survivor")
    func mergeCycle() throws {
        var a = Replica(device: d1), b = Replica(device: d2)
        let ma = a.commit([put(1, "mergedInto", .ref(Fixtures.record(2)))], wallMilliseconds: now)
        let mb = b.commit([put(2, "mergedInto", .ref(Fixtures.record(1)))], wallMilliseconds: now)
        a.receive([mb]); b.receive([ma])
        #expect(a.state == b.state)
        for r in [a, b] {
            #expect(r.resolve(contactKey(1)).survivor == Fixtures.record(1))
            #expect(r.resolve(contactKey(2)).survivor == Fixtures.record(1))
            let cycles = r.conflicts.filter { $0.kind == .mergeCycle }
            #expect(cycles.count == 1)
            #expect(cycles.first?.cycle == [Fixtures.record(1), Fixtures.record(2)])
            #expect(cycles.first?.record == contactKey(1))
        }
        let fix = b.commit([put(1, "mergedInto", .null)], wallMilliseconds: now + 5)
        a.receive([fix])
        for r in [a, b] {
            #expect(r.conflicts.isEmpty)
            #expect(r.resolve(contactKey(2)).survivor == Fixtures.record(1))
            #expect(r.state.records[contactKey(2)]?.survivor == Fixtures.record(1))
        }
    }

    /// Regression: cycles over the same ids in two entity types are two conflicts (they were
    /// deduplicated by ids alone, and which one was listed depended on dictionary order).
    @Test func mergeCyclesOfTwoEntitiesOverTheSameIDs() {
        var r = Replica(device: d1)
        _ = r.commit([put(1, "mergedInto", .ref(Fixtures.record(2))), put(2, "mergedInto", .ref(Fixtures.record(1))),
                  put(1, "mergedInto", .ref(Fixtures.record(2)), entity: "hub"), put(2, "mergedInto", .ref(Fixtures.record(1)), entity: "hub")],
                 wallMilliseconds: now)
        let cycles = r.conflicts.filter { $0.kind == .mergeCycle }
        #expect(cycles.map(\.record.entity) == ["contact", "hub"])
    }

    @Test("Reads follow mergedInto within the record's entity")
    func mergeChain() {
        var r = Replica(device: d1)
        _ = r.commit([put(1, "mergedInto", .ref(Fixtures.record(2))), put(2, "mergedInto", .ref(Fixtures.record(3)))], wallMilliseconds: now)
        #expect(r.resolve(contactKey(1)).leads(to: Fixtures.record(3), cycle: []))
        #expect(r.resolve(RecordKey(entity: "hub", record: Fixtures.record(1))).survivor == Fixtures.record(1))
        #expect(r.conflicts.isEmpty)
    }

    @Test func stateListsEveryWrittenRecordWithAllValues() {
        var a = Replica(device: d1), b = Replica(device: d2)
        let x = a.commit([put(1, "name", .text("x")), put(2, "notes", .null, entity: "hub")], wallMilliseconds: now)
        let y = b.commit([put(1, "name", .text("y"))], wallMilliseconds: now)
        a.receive([y])
        let s = a.state
        #expect(Set(s.records.keys) == [contactKey(1), RecordKey(entity: "hub", record: Fixtures.record(2))])
        #expect(s.records[contactKey(1)]?.fields["name"]?.values.map(\.dot) == [x.dot, y.dot])
        #expect(s.records[contactKey(1)]?.survivor == Fixtures.record(1))
    }

    @Test("Receiving advances the clock past remote stamps")
    func receiveObservesStamps() {
        var a = Replica(device: d1), b = Replica(device: d2)
        let future = a.commit([put(1, "name", .text("x"))], wallMilliseconds: now + 86_400_000)
        b.receive([future])
        #expect(b.clock.last >= future.hlc)
        #expect(b.commit([put(1, "name", .text("y"))], wallMilliseconds: now).hlc > future.hlc)
    }
}
