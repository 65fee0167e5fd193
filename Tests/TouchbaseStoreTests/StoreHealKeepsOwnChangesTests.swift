import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// Healing a fork derives the state again from the log read under the heals (Protocol/SPEC.md §3.6).
/// A Change of another device whose healed form rests on a Change the log lacks cannot be read
/// again; its file is read later. This database's own Changes built on it have no such second
/// chance: the heal refuses, and nothing changes.
@Suite struct StoreHealKeepsOwnChangesTests {
    @Test func aHealThatWouldDropAnOwnChangeRefusesAndChangesNothing() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let a = try stores.make("a", device: 1)
        let y = Fixtures.device(2), w = Fixtures.device(3), z = Fixtures.device(4)
        let put = RecordOps.put("contact", Fixtures.record(1), [("name", .text("Ada"))])
        // y's Change as signed rests on w #1, which this log never held; it was stored in a form
        // read without that dependency (as a reader that had not healed a fork yet may have).
        let signed = Change(device: y, seq: 1, hlc: HLC(milliseconds: 1_000, counter: 0), deps: VersionVector([w: 1]), ops: put,
                            depDigests: [w: [UInt8](repeating: 7, count: 32)])
        let stored = Change(device: y, seq: 1, hlc: signed.hlc, deps: VersionVector(), ops: put)
        // Any heal: the log is read again under it.
        var map = ForkHealMap(heals: [ForkHeal(device: z, seq: 1, renamed: [UInt8](repeating: 9, count: 32), base: [])])
        map.noteStored(signed, as: stored)
        try a.saveForkHealMap(&map)
        _ = try a.apply([stored])
        let own = try #require(try a.commit(RecordOps.put("contact", Fixtures.record(1), [("organization", .text("X"))])))
        #expect(own.deps[y] == 1, "made on y's Change")
        let before = try a.version()

        #expect {
            _ = try a.heal(&map)
        } throws: { ($0 as? StoreError)?.code == .healWouldDropOwnChanges && ($0 as? StoreError)?.detail == "1" }
        #expect(try a.version() == before)
        #expect(try a.changes(of: try a.device, after: 0).map(\.dot) == [own.dot])
        #expect(try a.record("contact", id: Fixtures.record(1))?.text("organization") == "X")

        // Without the own Change on top, y's Change leaves the log (its file is read again later).
        let b = try stores.make("b", device: 5)
        var mapB = ForkHealMap(heals: map.heals)
        mapB.noteStored(signed, as: stored)
        try b.saveForkHealMap(&mapB)
        _ = try b.apply([stored])
        _ = try b.heal(&mapB)
        #expect(try b.version()[y] == 0)
    }
}
