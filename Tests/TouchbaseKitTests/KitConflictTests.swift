import Foundation
import Testing
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// Conflicts through the kit: listed with their kind, those of one record, and resolved by typed
/// input into an edit that ends them on every device without making a new one.
@Suite struct KitConflictTests {
    /// Two synced devices sharing contacts `x` and `y`.
    final class Pair {
        let dir: KitTemporaryDirectory
        let clock = TestClock()
        let a: Workspace
        let b: Workspace
        let x: RecordID
        let y: RecordID

        init(seed: UInt64) async throws {
            dir = try KitTemporaryDirectory("conflicts")
            let folder = try dir.directory("shared")
            let random = KitRandom(seed: seed)
            a = try KitFixtures.workspace("a", in: dir, clock: clock, random: random, folder: folder)
            b = try KitFixtures.workspace("b", in: dir, clock: clock, random: random, folder: folder)
            x = random.recordID()
            y = random.recordID()
            try a.store.commit(RecordOps.put("contact", x, [("name", .text("Ada")), ("role", .text("engineer"))]))
            try a.store.commit(RecordOps.put("contact", y, [("name", .text("Ada L."))]))
            try await syncBoth()
        }

        func syncBoth() async throws {
            clock.advance(milliseconds: 1000)
            _ = try await a.sync(try a.openFolder { _ in nil })
            _ = try await b.sync(try b.openFolder { _ in nil })
            _ = try await a.sync(try a.openFolder { _ in nil })
        }

        func key(_ id: RecordID) -> RecordKey { RecordKey(entity: "contact", record: id) }
    }

    @Test func aFieldConflictIsListedAndResolvedByKeepingAValue() async throws {
        let p = try await Pair(seed: 0xC1)
        try p.a.store.commit([Op(entity: "contact", record: p.x, field: "role", value: .text("mathematician"))])
        try p.b.store.commit([Op(entity: "contact", record: p.x, field: "role", value: .text("writer"))])
        try await p.syncBoth()

        let conflicts = try p.a.conflicts()
        #expect(conflicts.count == 1)
        let c = try #require(conflicts.first)
        #expect(c.number == 1 && c.kind == .field && c.field == "role" && c.record.name == "Ada")
        #expect(Set(c.values.map(\.value)) == [.text("mathematician"), .text("writer")])
        #expect(Set(c.values.compactMap(\.deviceName)) == ["a", "b"])
        #expect(try p.a.conflicts(of: p.key(p.x)).map(\.id) == [c.id])
        #expect(try p.a.conflicts(of: p.key(p.y)).isEmpty)
        // Both devices list the same conflicts in the same order.
        #expect(try p.b.conflicts().map(\.id) == conflicts.map(\.id))

        let kept = try #require(c.values.firstIndex { $0.value == .text("writer") })
        try p.a.resolve(c, with: .keep(kept))
        try await p.syncBoth()
        #expect(try p.a.conflicts().isEmpty && (try p.b.conflicts().isEmpty))
        #expect(try p.b.store.record("contact", id: p.x)?.text("role") == "writer")
    }

    @Test func resolutionsThatDoNotFitOrNameNothingAreRefusedAndWriteNothing() async throws {
        let p = try await Pair(seed: 0xC2)
        try p.a.store.commit([Op(entity: "contact", record: p.x, field: "role", value: .text("one"))])
        try p.b.store.commit([Op(entity: "contact", record: p.x, field: "role", value: .text("two"))])
        try await p.syncBoth()
        let c = try #require(try p.a.conflicts().first)
        let before = try p.a.store.version()
        #expect(throws: WorkspaceError(.resolutionDoesNotFit, field: "field")) { try p.a.resolve(c, with: .restore) }
        #expect(throws: WorkspaceError(.outOfRange, field: "keep", detail: "0..<2")) { try p.a.resolve(c, with: .keep(2)) }
        #expect(try p.a.store.version() == before)
        // Resolved meanwhile: the stale conflict is refused.
        try p.a.resolve(c, with: .value(.text("three")))
        #expect(throws: WorkspaceError(.conflictNotOpen)) { try p.a.resolve(c, with: .keep(0)) }
        #expect(try p.a.store.record("contact", id: p.x)?.text("role") == "three")
    }

    @Test func deleteVsEditIsResolvedByRestoring() async throws {
        let p = try await Pair(seed: 0xC3)
        try p.a.store.commit(RecordOps.delete("contact", p.x))
        try p.b.store.commit([Op(entity: "contact", record: p.x, field: "role", value: .text("still here"))])
        try await p.syncBoth()
        let c = try #require(try p.b.conflicts().first)
        #expect(c.kind == .deleteVsEdit && c.editedFields == ["role"])
        try p.b.resolve(c, with: .restore)
        try await p.syncBoth()
        #expect(try p.a.conflicts().isEmpty && (try p.b.conflicts().isEmpty))
        let record = try #require(try p.a.store.record("contact", id: p.x))
        #expect(!record.deleted && record.text("role") == "still here")
    }

    @Test func aMergeCycleIsResolvedWithoutMakingANewCycle() async throws {
        let p = try await Pair(seed: 0xC4)
        try p.a.store.commit(RecordOps.merge("contact", from: p.x, into: p.y))
        try p.b.store.commit(RecordOps.merge("contact", from: p.y, into: p.x))
        try await p.syncBoth()
        let c = try #require(try p.a.conflicts().first { $0.kind == .mergeCycle })
        #expect(Set(c.cycle.map(\.key.record)) == [p.x, p.y])
        #expect(c.cycleMember(matching: "ADA")?.key.record == p.x)
        #expect(c.cycleMember(matching: String(p.y.hex.prefix(6)))?.key.record == p.y)
        #expect(try p.a.conflicts(of: p.key(p.x)).map(\.id) == [c.id] && (try p.a.conflicts(of: p.key(p.y)).map(\.id)) == [c.id])
        #expect(throws: WorkspaceError(.outOfRange, field: "survivor")) { try p.a.resolve(c, with: .survivor(p.a.store.environment.makeRecordID())) }

        // Meanwhile the other device resolves it too, choosing the other survivor: still no cycle.
        try p.a.resolve(c, with: .survivor(p.x))
        let other = try #require(try p.b.conflicts().first { $0.kind == .mergeCycle })
        try p.b.resolve(other, with: .survivor(p.y))
        try await p.syncBoth()
        #expect(try p.a.conflicts().filter { $0.kind == .mergeCycle }.isEmpty)
        #expect(try p.b.conflicts().filter { $0.kind == .mergeCycle }.isEmpty)
        #expect(try p.a.conflicts().map(\.id) == p.b.conflicts().map(\.id))
    }

    @Test func mergeVsEditIsResolvedByMergingTheEditsIntoTheSurvivor() async throws {
        let p = try await Pair(seed: 0xC5)
        _ = try p.a.store.merge("contact", p.x, into: p.y)
        try p.b.store.commit([Op(entity: "contact", record: p.x, field: "notes", value: .text("met at the conference"))])
        try await p.syncBoth()
        let c = try #require(try p.a.conflicts().first { $0.kind == .mergeVsEdit })
        #expect(c.survivor?.key.record == p.y && c.editedFields == ["notes"])
        #expect(try p.a.conflicts(of: p.key(p.y)).map(\.id) == [c.id])
        try p.a.resolve(c, with: .merge)
        try await p.syncBoth()
        #expect(try p.a.conflicts().isEmpty && (try p.b.conflicts().isEmpty))
        #expect(try p.b.store.record("contact", id: p.y)?.text("notes") == "met at the conference")
    }

    @Test func theKitsConflictErrorsNameNoCommandFlagOrVariable() {
        for code in [WorkspaceError.Code.conflictNotOpen, .resolutionDoesNotFit] {
            let text = WorkspaceError(code, field: "field").description
            #expect(!text.contains("touchbase") && !text.contains("--") && !text.contains("TOUCHBASE_"), "\(text)")
        }
    }
}
