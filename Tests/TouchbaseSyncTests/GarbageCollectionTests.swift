import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
@testable import TouchbaseSync
import TouchbaseTestSupport

/// Garbage collection's bookkeeping (Protocol/SPEC.md §3.7): which files a device removes (only its
/// own, only once its own verified snapshot covers them and every active device acknowledged them),
/// what retiring a device changes, and that nothing removed is published or relayed again.
@Suite struct GarbageCollectionTests {
    /// Writes a snapshot of `store`'s whole state into the folder (the sync engine's writer).
    @discardableResult
    static func snapshot(_ store: Store, in lab: SyncLab) throws -> SnapshotEntry {
        let written = try SyncEngine(store: store, folder: lab.folder).writeSnapshot()
        let scan = try lab.folder.scan()
        return try #require(scan.snapshots.first { $0.relativePath == written.path })
    }

    /// Every store observes the same and has applied the same, with nothing waiting (the logs may
    /// be compacted: they are not compared).
    static func expectConverged(_ lab: SyncLab, _ stores: [Store], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let first = try SyncTestSupport.observable(stores[0])
        for s in stores {
            #expect(try SyncTestSupport.observable(s) == first, sourceLocation: sourceLocation)
            #expect(try s.version() == stores[0].version(), sourceLocation: sourceLocation)
            let r = try lab.sync(s)
            #expect(r.waiting.isEmpty && r.forks.isEmpty && r.identityClash == nil, "\(r.waiting)", sourceLocation: sourceLocation)
        }
    }

    static func edits(_ lab: SyncLab, _ store: Store, _ range: ClosedRange<UInt64>) throws {
        for n in range { try lab.put(store, n, [("name", .text("Person \(n)"))]) }
    }

    static func files(_ lab: SyncLab, _ relative: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: lab.path(relative))) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func nothingIsRemovedWithoutAnOwnSnapshot() throws {
        let lab = try SyncLab("gc-nosnap")
        let a = try lab.store("a"), b = try lab.store("b")
        try Self.edits(lab, a, 1...3)
        try lab.syncAll([a, b])
        try Self.edits(lab, a, 4...5)
        try lab.syncAll([a, b])
        let r = try lab.sync(a)
        #expect(r.garbage.removed.isEmpty)
        #expect(lab.changeFileNames(try a.device).count == 2)
    }

    @Test func removesOnlyOwnFilesCoveredByItsSnapshotAndAcknowledged() throws {
        let lab = try SyncLab("gc-basic")
        let a = try lab.store("a"), b = try lab.store("b")
        try Self.edits(lab, a, 1...3)
        try Self.edits(lab, b, 10...11)
        try lab.syncAll([a, b])
        try Self.snapshot(a, in: lab)
        try Self.edits(lab, a, 4...4)  // after the snapshot: kept
        try lab.syncAll([a, b])
        let me = try a.device, other = try b.device
        #expect(lab.changeFileNames(me) == ["4-4.tbc"])
        #expect(lab.changeFileNames(other) == ["1-2.tbc"], "another device's file is never removed")
        // Nothing removed is published again, and every device still has everything.
        let again = try lab.sync(a)
        #expect(again.published == 0 && again.garbage.removed.isEmpty)
        #expect(lab.changeFileNames(me) == ["4-4.tbc"])
        #expect(try a.metaValue("gcHorizon." + me.hex) == "3")
        try Self.expectConverged(lab, [a, b])
    }

    @Test func waitsForEveryActiveDevicesAcknowledgement() throws {
        let lab = try SyncLab("gc-acks")
        let a = try lab.store("a"), b = try lab.store("b"), c = try lab.store("c")
        try Self.edits(lab, a, 1...2)
        try lab.syncAll([a, b, c])          // every device has 1-2
        try Self.edits(lab, a, 3...5)
        try lab.sync(a)
        try lab.sync(b)                     // b has 3-5, c does not
        try Self.snapshot(a, in: lab)
        let r = try lab.sync(a)
        #expect(r.garbage.horizon == 2)
        #expect(lab.changeFileNames(try a.device) == ["3-5.tbc"], "c has not acknowledged 3-5")
        #expect(r.garbage.awaiting == [try c.device])
        try lab.sync(c)
        let after = try lab.sync(a)
        #expect(after.garbage.removed == ["changes/\(try a.device.hex)/3-5.tbc"])
        #expect(after.garbage.awaiting.isEmpty)
        try Self.expectConverged(lab, [a, b, c])
    }

    @Test func anotherDevicesSnapshotIsNoReasonToRemove() throws {
        let lab = try SyncLab("gc-foreign")
        let a = try lab.store("a"), b = try lab.store("b")
        try Self.edits(lab, a, 1...3)
        try lab.syncAll([a, b])
        // b claims to cover all of a's changes: a removes nothing on b's word.
        try Self.snapshot(b, in: lab)
        let r = try lab.sync(a)
        #expect(r.garbage.removed.isEmpty)
        #expect(lab.changeFileNames(try a.device) == ["1-3.tbc"])
    }

    @Test func aSnapshotThatDoesNotVerifyIsNoReasonToRemove() throws {
        let lab = try SyncLab("gc-damaged")
        let a = try lab.store("a"), b = try lab.store("b")
        try Self.edits(lab, a, 1...3)
        try lab.syncAll([a, b])
        let entry = try Self.snapshot(a, in: lab)
        try lab.flipByte(entry.relativePath)
        let r = try lab.sync(a)
        #expect(r.garbage.removed.isEmpty)
        #expect(lab.changeFileNames(try a.device) == ["1-3.tbc"])
        #expect(FileManager.default.fileExists(atPath: lab.path(entry.relativePath)), "a damaged file is never removed by its reader")
    }

    @Test func aRetiredDeviceIsNotWaitedFor() throws {
        let lab = try SyncLab("gc-retire")
        let a = try lab.store("a"), b = try lab.store("b"), lost = try lab.store("lost")
        try lab.syncAll([a, b, lost])
        try Self.edits(lab, a, 1...3)
        try lab.syncAll([a, b])
        try Self.snapshot(a, in: lab)
        #expect(try lab.sync(a).garbage.awaiting == [try lost.device])
        #expect(lab.changeFileNames(try a.device).count == 1)
        try b.commit(DeviceRetirement.retireOps(try lost.device))
        try lab.sync(b)
        let r = try lab.sync(a)  // imports the retirement, then collects
        #expect(try DeviceRetirement.retired(in: a) == [try lost.device])
        #expect(r.garbage.awaiting.isEmpty)
        let me = try a.device
        #expect(r.garbage.removed == ["changes/\(me.hex)/1-3.tbc"])
        #expect(lab.changeFileNames(me).isEmpty)
    }

    @Test func olderOwnSnapshotsGoOnceANewerOneCoversThem() throws {
        let lab = try SyncLab("gc-snapshots")
        let a = try lab.store("a"), b = try lab.store("b")
        try Self.edits(lab, a, 1...2)
        try lab.syncAll([a, b])
        let old = try Self.snapshot(a, in: lab)
        let foreign = try Self.snapshot(b, in: lab)
        try Self.edits(lab, a, 3...4)
        try lab.syncAll([a, b])
        let new = try Self.snapshot(a, in: lab)
        let r = try lab.sync(a)
        #expect(r.garbage.removed.contains(old.relativePath))
        let name = String(new.relativePath.split(separator: "/").last!)
        #expect(Set(Self.files(lab, "snapshots/\(try a.device.hex)")) == [name, String(name.dropLast(4))], "the newest snapshot and its parts")
        #expect(FileManager.default.fileExists(atPath: lab.path(foreign.relativePath)), "another device's snapshot stays")
    }

    @Test func removedRangesAreNotRelayed() throws {
        let lab = try SyncLab("gc-relay")
        let a = try lab.store("a"), b = try lab.store("b")
        try Self.edits(lab, a, 1...3)
        try lab.syncAll([a, b])
        try Self.snapshot(a, in: lab)
        try lab.syncAll([a, b])
        #expect(lab.changeFileNames(try a.device).isEmpty)
        let r = try lab.sync(b)
        #expect(r.relayed == 0, "a removed its range rightfully: nobody relays it")
        #expect(Self.files(lab, "relays").isEmpty)
    }

    @Test func aLostRangeNotCoveredIsStillRelayed() throws {
        let lab = try SyncLab("gc-relay-lost")
        let a = try lab.store("a"), b = try lab.store("b"), c = try lab.store("c")
        try lab.syncAll([a, b, c])
        try Self.edits(lab, a, 1...3)
        try lab.syncAll([a, b])
        // A folder-only attacker deletes a's file; c has not applied it: b relays it.
        try FileManager.default.removeItem(atPath: lab.path("changes/\(try a.device.hex)/1-3.tbc"))
        #expect(try lab.sync(b).relayed == 3)
    }

    @Test func ownRelaysGoOnceEveryoneHasThem() throws {
        let lab = try SyncLab("gc-own-relays")
        let a = try lab.store("a"), b = try lab.store("b"), c = try lab.store("c")
        try lab.syncAll([a, b, c])
        try Self.edits(lab, a, 1...3)
        try lab.syncAll([a, b])
        try FileManager.default.removeItem(atPath: lab.path("changes/\(try a.device.hex)/1-3.tbc"))
        #expect(try lab.sync(b).relayed == 3)
        try lab.sync(c)
        try lab.sync(a)                     // republishes its own (SPEC §3.5)
        try Self.snapshot(b, in: lab)
        try lab.syncAll([a, b, c])
        let relays = Self.files(lab, "relays/\(try b.device.hex)/\(try a.device.hex)")
        #expect(relays.isEmpty, "b's relay of a's range: every device has it and b's snapshot covers it")
        try Self.expectConverged(lab, [a, b, c])
    }

    @Test func theLocalLogIsCompactedTheSameWayAndMergeRulesStillHold() throws {
        let lab = try SyncLab("gc-compaction")
        let a = try lab.store("a"), b = try lab.store("b")
        try Self.edits(lab, a, 1...4)
        try lab.syncAll([a, b])
        try Self.snapshot(a, in: lab)
        try lab.syncAll([a, b])
        let me = try a.device
        // Covered and acknowledged: out of the log, but for the newest Change (the chain's link).
        #expect(try a.changes(of: me, after: 0).map(\.seq) == [4])
        #expect(try a.compactedLog()[me] == 3)
        #expect(try b.changes(of: me, after: 0).count == 4, "b has no snapshot of its own: its log stays whole")
        #expect(try a.compactedHistory(of: Fixtures.record(1)) == 1)
        #expect(try a.compactedHistory(of: Fixtures.record(4)) == 0)
        // A delete on the compacted device, concurrent with an edit on the other: still a
        // delete-vs-edit conflict, the same on both.
        lab.clock.advance(milliseconds: 5)
        try a.commit(RecordOps.delete("contact", Fixtures.record(1)))
        try lab.put(b, 1, [("notes", .text("edited meanwhile"))])
        try lab.syncAll([a, b])
        #expect(try a.conflicts() == b.conflicts())
        #expect(try a.conflicts().contains { $0.kind == .deleteVsEdit })
        try Self.expectConverged(lab, [a, b])
        // A re-key that re-issues an own Change needs the whole log: refused, nothing changed.
        let last = try a.version()[me]
        #expect(throws: StoreError(.logCompacted, detail: "1")) { try a.rekey(firstDivergent: last) }
        #expect(try a.device == me)
    }
}
