import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// Healing a fork (issue 7; Protocol/SPEC.md §3.6, "Healing"): a copied database that went on under
/// its parent's id ends, on every device alike and without coordination, as two devices: the history
/// whose Change at the fork point has the smaller digest keeps the id, the other lives on under the
/// derived id. Every edit of both histories is present everywhere, concurrent ones as conflicts.
@Suite struct ForkHealingSyncTests {
    /// The values of Ada's (record 1) `field` register on `store`, as text.
    static func values(_ store: Store, _ field: String, record: UInt64 = 1) throws -> Set<String> {
        let regs = try store.registers(of: RecordKey(entity: "contact", record: Fixtures.record(record)))
        return Set((regs[field]?.values ?? []).compactMap { if case .text(let t) = $0.value { t } else { nil } })
    }

    /// Syncs every store until a round imports and publishes nothing (at most `rounds` rounds).
    static func settle(_ lab: SyncLab, _ stores: [Store], rounds: Int = 6) throws {
        for _ in 0..<rounds {
            var moved = false
            for s in stores {
                let r = try lab.sync(s)
                if r.importedTotal > 0 || r.published > 0 || !r.healed.isEmpty { moved = true }
            }
            if !moved { return }
        }
    }

    /// The issue's case 1, fixed: a and its copy a2 both edit Ada's organisation after the copy; b
    /// edits it on top of a's. After healing every device shows a conflict between CLONE and B-org,
    /// and the history says who wrote what: nothing is re-labelled, nothing lost.
    @Test func issueCase1KeepsBothCloneAndB() throws {
        let lab = try SyncLab("heal-case1", seed: 31)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.syncAll([a, b])
        let a2 = try lab.copy(a, as: "a2")
        let id = try a.device

        try lab.put(a, 1, [("organization", .text("ORIGINAL"))])
        try lab.sync(a)
        try lab.sync(b)
        try lab.put(b, 1, [("organization", .text("B-org"))])
        try lab.sync(b)
        try lab.put(a2, 1, [("organization", .text("CLONE"))])
        let first = try lab.sync(a2)
        #expect(first.healed.count == 1 && first.healed.first?.device == id, "\(first.healed)")
        try Self.settle(lab, [a, b, a2])

        try lab.expectConverged([a, b, a2])
        for s in [a, b, a2] {
            #expect(try Self.values(s, "organization") == ["CLONE", "B-org"])
        }
        let ids = Set([try a.device, try a2.device])
        #expect(ids.count == 2 && ids.contains(id), "one copy keeps the id, the other goes on under the derived one")
    }

    /// The issue's case 2, healed: the copy's file became a conflict copy after c applied it and
    /// built on it. Every device ends with both histories' edits: a's ORIGINAL and the copy's CLONE
    /// as a conflict, the copy's Bob and c's note made on the copy's history.
    @Test func issueCase2HealsReadersThatAppliedEitherHistory() throws {
        let lab = try SyncLab("heal-case2", seed: 32)
        let replica = SharedFolder(path: try lab.temp.directory("replica").path)
        let a = try lab.store("a"), b = try lab.store("b"), c = try lab.store("c")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.syncAll([a, b, c])
        try FolderReplicas.reconcile(keep: lab.folder, other: replica)
        let a2 = try lab.copy(a, as: "a2")

        try lab.put(a, 1, [("organization", .text("ORIGINAL"))])
        try lab.sync(a)
        try lab.sync(b)
        try lab.put(a2, 1, [("organization", .text("CLONE"))])
        try lab.sync(a2, folder: replica)
        try lab.sync(c, folder: replica)
        try lab.put(a2, 2, [("name", .text("Bob"))])
        try lab.sync(a2, folder: replica)
        try lab.put(c, 1, [("notes", .text("c saw CLONE"))])
        try lab.sync(c, folder: replica)
        try FolderReplicas.reconcile(keep: lab.folder, other: replica)

        try Self.settle(lab, [a, b, c, a2])
        try lab.expectConverged([a, b, c, a2])
        for s in [a, b, c, a2] {
            #expect(try Self.values(s, "organization") == ["ORIGINAL", "CLONE"])
            #expect(try lab.names(s) == ["Ada", "Bob"])
            #expect(try Self.values(s, "notes") == ["c saw CLONE"])
        }
    }

    /// Three copies of one database edit the same field after the copy: two forks at one point,
    /// both healed (two derived ids), a three-way conflict everywhere.
    @Test func threeWayFork() throws {
        let lab = try SyncLab("heal-three", seed: 33)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.syncAll([a, b])
        let a2 = try lab.copy(a, as: "a2"), a3 = try lab.copy(a, as: "a3")
        try lab.put(a, 1, [("organization", .text("A"))])
        try lab.put(a2, 1, [("organization", .text("A2"))])
        try lab.put(a3, 1, [("organization", .text("A3"))])
        try lab.put(b, 1, [("phones", .texts(["1"]))])
        try Self.settle(lab, [a, a2, a3, b], rounds: 8)
        try lab.expectConverged([a, a2, a3, b])
        #expect(Set([try a.device, try a2.device, try a3.device]).count == 3)
        for s in [a, a2, a3, b] { #expect(try Self.values(s, "organization") == ["A", "A2", "A3"]) }
    }

    /// A copy of a copy: a2 is copied from a after the copy went on, and a3 from a2 after a2 made
    /// an edit. a2's and a3's histories share that edit and part after it: a fork of the renamed
    /// (or kept) history, healed in turn.
    @Test func forkOfAFork() throws {
        let lab = try SyncLab("heal-nested", seed: 34)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.syncAll([a, b])
        let a2 = try lab.copy(a, as: "a2")
        try lab.put(a2, 1, [("organization", .text("shared by a2 and a3"))])
        let a3 = try lab.copy(a2, as: "a3")
        try lab.put(a, 1, [("notes", .text("a"))])
        try lab.put(a2, 1, [("notes", .text("a2"))])
        try lab.put(a3, 1, [("notes", .text("a3"))])
        try lab.sync(a)
        try lab.sync(a2)
        try lab.sync(a3)
        try Self.settle(lab, [a, a2, a3, b], rounds: 8)
        try lab.expectConverged([a, a2, a3, b])
        for s in [a, a2, a3, b] {
            #expect(try Self.values(s, "notes") == ["a", "a2", "a3"])
            #expect(try Self.values(s, "organization") == ["shared by a2 and a3"])
        }
    }

    /// The issue's case 4: a database copied before it ever synced; both copies edit and sync. The
    /// fork is at seq 1 and heals like any other; no Change waits on an id nobody publishes.
    /// A copy that finds its clash publishes its own history under the forked id before it heals
    /// (SPEC §3.6, "The copies"): every other reader heals from those files. So even a sync stopped
    /// right after the heal leaves both histories of the id in the folder.
    @Test func aCopyPublishesItsOwnHistoryBeforeItHeals() throws {
        let lab = try SyncLab("heal-publish-first", seed: 36)
        let x = try lab.store("x"), y = try lab.store("y")
        try DeviceKeyFile.loadOrCreate(for: x)
        try lab.put(x, 1, [("name", .text("Ada"))])
        try lab.syncAll([x, y])
        let id = try x.device
        let d = try x.version()[id] + 1
        let x2 = try lab.copy(x, as: "x2")
        try lab.put(x, 1, [("organization", .text("X"))])
        try lab.put(x2, 1, [("organization", .text("X2"))])
        try lab.put(y, 2, [("name", .text("Grace"))])
        try lab.sync(x)
        try lab.sync(y)
        // x2 meets its clash, heals, and is stopped at the first file it imports afterwards.
        var engine = SyncEngine(store: x2, folder: lab.folder)
        engine.shouldStop = { true }
        #expect(throws: CancellationError.self) { try engine.sync() }
        #expect(try !x2.forkHealMap().heals.isEmpty, "x2 healed its clash before it was stopped")
        // A reader that syncs now heals from the folder alone, and has both histories' edits.
        try lab.sync(y)
        #expect(try y.forkHealMap().heals.map(\.seq) == [d], "y heals the fork at (x, \(d)) from x2's files")
        #expect(try Self.values(y, "organization") == ["X", "X2"])
    }

    @Test func aCopyThatNeverSynced() throws {
        let lab = try SyncLab("heal-unsynced", seed: 35)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try DeviceKeyFile.loadOrCreate(for: a)  // made at `init`: a copied home holds it
        let a2 = try lab.copy(a, as: "a2")
        try lab.put(a2, 2, [("name", .text("Bob"))])
        try lab.put(a, 3, [("name", .text("Cy"))])
        try Self.settle(lab, [a2, b, a], rounds: 8)
        try lab.expectConverged([a, a2, b])
        for s in [a, a2, b] { #expect(try lab.names(s) == ["Ada", "Bob", "Cy"]) }
    }

    /// A reader that applied the renamed history before the fork showed keeps nothing under the old
    /// place: its log holds the renamed Changes under the derived id, and its version vector says so.
    @Test func aReaderThatAppliedTheRenamedHistoryMovesIt() throws {
        let lab = try SyncLab("heal-moved", seed: 36)
        let replica = SharedFolder(path: try lab.temp.directory("replica").path)
        let a = try lab.store("a"), c = try lab.store("c")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.syncAll([a, c])
        try FolderReplicas.reconcile(keep: lab.folder, other: replica)
        let a2 = try lab.copy(a, as: "a2")
        let id = try a.device
        try lab.put(a, 1, [("organization", .text("A"))])
        try lab.sync(a)
        try lab.put(a2, 1, [("organization", .text("A2"))])
        try lab.sync(a2, folder: replica)
        try lab.sync(c, folder: replica)  // c applies a2's seq 2 under a's id
        try FolderReplicas.reconcile(keep: lab.folder, other: replica)
        try Self.settle(lab, [a, a2, c])
        try lab.expectConverged([a, a2, c])
        let heal = try #require(try c.forkHealMap().heals.first)
        #expect(heal.device == id && heal.seq == 2)
        let v = try c.version()
        #expect(v[id] >= 2 && v[heal.derived] >= 1)
        #expect(Set([try a.device, try a2.device]) == [id, heal.derived])
    }
}
