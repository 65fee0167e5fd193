import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// Every reader detects a fork (issue 7, case 2; Protocol/SPEC.md §3.6): a copied database that
/// published under its parent's id is seen by every device, not only by the copies themselves, and
/// nothing of the history met later, nor anything made on it, is applied until the fork heals.
@Suite struct ForkDetectionSyncTests {
    /// The case 2. a and b sync through one replica of the folder, the copy a2 and c through
    /// another; both a and a2 publish seq 2, and a2 goes on (seq 3) with c building on it. The sync tool
    /// then keeps a's `2-2.tbc` and turns a2's into a conflict copy. Every device must now see two
    /// histories of a: a and a2 as their own clash, b by the link of a2's seq 3 (and c's dependency
    /// digest), c because the file of a seq 2 it applied now holds other content.
    @Test func aCopyIsSeenByEveryReader() throws {
        let lab = try SyncLab("fork-readers", seed: 11)
        let replica = SharedFolder(path: try lab.temp.directory("replica").path)
        let a = try lab.store("a"), b = try lab.store("b"), c = try lab.store("c")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.syncAll([a, b, c])
        try FolderReplicas.reconcile(keep: lab.folder, other: replica)
        let a2 = try lab.copy(a, as: "a2")
        let id = try a.device

        try lab.put(a, 1, [("organization", .text("ORIGINAL"))])
        try lab.sync(a)
        #expect(try lab.sync(b).imported == [id: 1])
        try lab.put(a2, 1, [("organization", .text("CLONE"))])
        #expect(try lab.sync(a2, folder: replica).published == 1)
        #expect(try lab.sync(c, folder: replica).imported == [id: 1])
        try lab.put(a2, 2, [("name", .text("Bob"))])
        #expect(try lab.sync(a2, folder: replica).published == 1)
        try lab.put(c, 1, [("notes", .text("c saw CLONE"))])
        let cReport = try lab.sync(c, folder: replica)
        #expect(cReport.imported == [id: 1] && cReport.published == 1 && cReport.forks.isEmpty)

        try FolderReplicas.reconcile(keep: lab.folder, other: replica)
        #expect(lab.changeFileNames(id).contains { $0.hasPrefix("2-2.sync-conflict") })

        let bReport = try lab.sync(b)
        let bFork = try #require(bReport.forks.first)
        #expect(bReport.forks.count == 1 && bFork.device == id && bFork.seq == 2, "\(bReport.forks)")
        #expect(bReport.newForks == bReport.forks)
        #expect(bReport.importedTotal == 0, "neither a2's seq 3 nor c's edit made on it: \(bReport.imported)")
        #expect(try lab.names(b) == ["Ada"])

        // The evidence is kept: the next sync says it again (and applies nothing more).
        let again = try lab.sync(b)
        #expect(again.forks == bReport.forks && again.newForks.isEmpty && again.importedTotal == 0)

        // c sees a's seq 2 in a file beside the one it applied: the fork point itself, so c heals
        // at once (SPEC §3.6, "Healing"); the copies see their clash and heal too, and then b.
        let cAfter = try lab.sync(c)
        #expect(cAfter.healed.map(\.device) == [id] && cAfter.healed.first?.seq == 2, "\(cAfter.healed)")
        #expect(cAfter.forks.isEmpty)
        try lab.syncAll([a2, a, b, c], rounds: 3)
        try lab.expectConverged([a, b, c, a2])
        #expect(try lab.names(b) == ["Ada", "Bob"])
    }

    /// b applied a's seq 2; c applied the copy's seq 2 and made an edit on top. Once a2's file is a
    /// conflict copy, only c's Change reaches b: its gates are open at b (b has a seq 2), but its
    /// dependency digest names another seq 2, so b holds it back and reports the fork.
    @Test func aChangeMadeOnTheOtherHistoryIsHeld() throws {
        let lab = try SyncLab("fork-dependent", seed: 12)
        let replica = SharedFolder(path: try lab.temp.directory("replica").path)
        let a = try lab.store("a"), b = try lab.store("b"), c = try lab.store("c")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.syncAll([a, b, c])
        try FolderReplicas.reconcile(keep: lab.folder, other: replica)
        let a2 = try lab.copy(a, as: "a2")
        let id = try a.device

        try lab.put(a, 1, [("organization", .text("ORIGINAL"))])
        try lab.sync(a)
        try lab.sync(b)
        try lab.put(a2, 1, [("organization", .text("CLONE"))])
        try lab.sync(a2, folder: replica)
        try lab.sync(c, folder: replica)
        try lab.put(c, 2, [("name", .text("Carol, met on the copy's history"))])
        try lab.sync(c, folder: replica)
        try FolderReplicas.reconcile(keep: lab.folder, other: replica)

        let r = try lab.sync(b)
        let cID = try c.device
        #expect(r.heldByFork == [Dot(device: cID, seq: 1)], "\(r.heldByFork) \(r.waiting)")
        let fork = try #require(r.forks.first)
        #expect(fork.device == id && fork.seq == 2 && fork.kind == .dependsOnOtherHistory && fork.dependent == Dot(device: cID, seq: 1))
        #expect(try lab.names(b) == ["Ada"])
        #expect(try b.version()[cID] == 0)
    }

    /// Without copies nothing is reported, and Changes from before the chain (an unchained history
    /// continued by chained Changes) apply as before.
    @Test func noForkWithoutACopy() throws {
        let lab = try SyncLab("fork-none", seed: 13)
        let a = try lab.store("a"), b = try lab.store("b"), c = try lab.store("c")
        for i in 1...4 {
            try lab.put(a, UInt64(i), [("name", .text("a\(i)"))])
            try lab.put(b, UInt64(10 + i), [("name", .text("b\(i)"))])
            try lab.syncAll([a, b, c], rounds: 1)
        }
        try lab.syncAll([a, b, c])
        for s in [a, b, c] {
            let r = try lab.sync(s)
            #expect(r.forks.isEmpty && r.heldByFork.isEmpty)
        }
        try lab.expectConverged([a, b, c])
    }
}
