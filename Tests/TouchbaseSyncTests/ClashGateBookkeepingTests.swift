import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// A copy that is refused instead of healed (issue 7 case 1): its sync applies nothing built on the
/// other copy's Changes from the divergence on, and its re-key re-issues its own Changes with the
/// causal past they had, so edits concurrent with them stay in conflict.
@Suite struct ClashGateBookkeepingTests {
    /// Only a's database was copied, not its signing key, so the copy cannot heal the fork: its
    /// sync is refused. b's edit was made on a's Change 2, which the copy holds differently: the
    /// copy holds it back (and says so). c's edit, concurrent with everything, is applied; after
    /// the re-key it is still in conflict with the copy's edit, on every device.
    @Test func aRefusedCopyHoldsBackWhatBuildsOnTheOtherHistoryAndItsRekeyKeepsConflicts() throws {
        let lab = try SyncLab("clash-gate", seed: 59)
        let a = try lab.store("a"), b = try lab.store("b"), c = try lab.store("c")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.syncAll([a, b, c])
        let path = lab.temp.path("copy.sqlite")
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: a.path + suffix) {
            try FileManager.default.copyItem(atPath: a.path + suffix, toPath: path + suffix)
        }
        let copy = try Store.open(at: path, environment: lab.env)
        try lab.put(a, 1, [("organization", .text("ORIGINAL"))])
        try lab.sync(a)
        try lab.sync(b)
        try lab.put(b, 1, [("organization", .text("B-org"))])
        try lab.sync(b)
        try lab.put(c, 1, [("organization", .text("C-org"))])
        try lab.sync(c)
        try lab.put(copy, 1, [("organization", .text("CLONE"))])

        let refused = try lab.sync(copy)
        let clash = try #require(refused.identityClash)
        #expect(clash.firstDivergent == 2)
        let bID = try b.device, cID = try c.device
        #expect(refused.heldByClash == [Dot(device: bID, seq: 1)], "\(refused.heldByClash) \(refused.waiting)")
        #expect(try copy.version()[bID] == 0, "nothing of b's applied on top of the copy's own Change 2")
        #expect(try copy.version()[cID] == 1)
        #expect(try ForkHealingSyncTests.values(copy, "organization") == ["CLONE", "C-org"])

        _ = try SyncEngine(store: copy, folder: lab.folder).rekey()
        try ForkHealingSyncTests.settle(lab, [copy, a, b, c])
        try lab.expectConverged([a, b, c, copy])
        for s in [a, b, c, copy] {
            #expect(try ForkHealingSyncTests.values(s, "organization") == ["CLONE", "B-org", "C-org"])
        }
    }
}
