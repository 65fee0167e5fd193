import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// What healing a fork derives again (Protocol/SPEC.md §3.6, "Healing"): the state comes from the
/// healed log as a whole, merge survivors included, on every device that heals.
@Suite struct HealBookkeepingTests {
    /// Grace was merged into Ada before the database was copied; both copies then edit. Every
    /// device heals the fork (deriving its state again from the healed log) and still shows Grace
    /// merged into Ada.
    @Test func aMergeMadeBeforeTheForkStillHoldsAfterHealing() throws {
        let lab = try SyncLab("heal-merge", seed: 55)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.put(a, 2, [("name", .text("Grace"))])
        lab.clock.advance(milliseconds: 1)
        try a.commit(RecordOps.merge("contact", from: Fixtures.record(2), into: Fixtures.record(1)))
        try lab.syncAll([a, b])
        let a2 = try lab.copy(a, as: "a2")
        try lab.put(a, 1, [("organization", .text("A"))])
        try lab.put(a2, 1, [("organization", .text("A2"))])
        try ForkHealingSyncTests.settle(lab, [a, b, a2])
        try lab.expectConverged([a, b, a2])
        for s in [a, b, a2] {
            #expect(try ForkHealingSyncTests.values(s, "organization") == ["A", "A2"])
            #expect(try s.record("contact", id: Fixtures.record(2))?.survivor == Fixtures.record(1), "Grace stays merged into Ada")
            #expect(try lab.names(s) == ["Ada"])
        }
    }

    /// A reader that learns a heal pins the derived id to the forked id's key at once: the renamed
    /// history's later files verify although the derived device's card has not reached the folder.
    @Test func theHealPinsTheDerivedIDBeforeItsCardArrives() throws {
        let lab = try SyncLab("heal-pin", seed: 56)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.syncAll([a, b])
        let a2 = try lab.copy(a, as: "a2")
        let id = try a.device
        try lab.put(a, 1, [("organization", .text("A"))])
        try lab.put(a2, 1, [("organization", .text("A2"))])
        try ForkHealingSyncTests.settle(lab, [a, a2])
        let heal = try #require(try a.forkHealMap().heals.first)
        #expect(Set([try a.device, try a2.device]) == [id, heal.derived])
        try lab.put(a, 2, [("name", .text("Bob"))])
        try lab.put(a2, 3, [("name", .text("Cy"))])
        try lab.syncAll([a, a2])
        #expect(!lab.changeFileNames(heal.derived).isEmpty, "the derived device publishes under its own id")
        // The derived device's card has not reached b's replica of the folder yet.
        try FileManager.default.removeItem(atPath: lab.path("devices/\(heal.derived.hex).tbd"))
        var last = SyncReport()
        for _ in 0..<3 { last = try lab.sync(b) }
        #expect(last.waitingForCard.isEmpty, "\(last.waitingForCard)")
        #expect(try b.pinnedKeys()[heal.derived]?.publicKey == b.pinnedKeys()[id]?.publicKey)
        #expect(try b.version() == a.version())
        #expect(try lab.names(b) == ["Ada", "Bob", "Cy"])
    }
}
