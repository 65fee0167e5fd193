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
}
