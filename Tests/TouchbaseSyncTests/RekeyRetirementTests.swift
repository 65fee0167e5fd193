import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
@testable import TouchbaseSync
import TouchbaseTestSupport

/// Garbage collection does not wait forever for an id a re-key gave up (Protocol/SPEC.md §3.7, "A
/// re-keyed id"): the re-keyed database retires its old id at its next sync, under its new id, so
/// every device stops waiting for the old id's acknowledgement; a copy still writing under the old
/// id comes back, and nothing is lost either way.
@Suite struct RekeyRetirementTests {
    @Test func aReKeyedOldIDIsRetiredAndNotWaitedFor() throws {
        let lab = try SyncLab("rekey-retire")
        let a = try lab.store("a"), b = try lab.store("b")
        try GarbageCollectionTests.edits(lab, a, 1...3)
        try lab.syncAll([a, b])
        let old = try a.device
        let new = try SyncEngine(store: a, folder: lab.folder).rekey()
        let r = try lab.sync(a)
        #expect(r.garbage.retiredOldIDs == [old])
        #expect(try DeviceRetirement.retired(in: a) == [old])
        try lab.syncAll([b, a])
        #expect(try DeviceRetirement.retired(in: b) == [old], "the retirement is a synced edit of the new id")

        // Garbage collection on both devices waits for nobody but the other live device.
        try GarbageCollectionTests.edits(lab, a, 4...5)
        try lab.syncAll([a, b])
        try GarbageCollectionTests.snapshot(a, in: lab)
        try GarbageCollectionTests.snapshot(b, in: lab)
        try lab.syncAll([a, b])
        let ra = try lab.sync(a), rb = try lab.sync(b)
        #expect(ra.garbage.awaiting.isEmpty, "a waits for \(ra.garbage.awaiting)")
        #expect(rb.garbage.awaiting.isEmpty, "b waits for \(rb.garbage.awaiting)")
        #expect(lab.changeFileNames(new).count <= 1, "a's covered files are removed: \(lab.changeFileNames(new))")
        #expect(lab.changeFileNames(old) == ["1-3.tbc"], "the old id's files stay: nobody removes another's")
        // Once only: a later sync retires nothing again.
        #expect(try lab.sync(a).garbage.retiredOldIDs.isEmpty)
        try GarbageCollectionTests.expectConverged(lab, [a, b])
    }

    @Test func aCopyStillWritingUnderTheOldIDComesBack() throws {
        let lab = try SyncLab("rekey-retire-copy", seed: 5)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.syncAll([a, b])
        let a2 = try lab.copy(a, as: "a2")
        try lab.put(a2, 3, [("name", .text("Carol on the copy"))])
        let old = try a2.device
        _ = try SyncEngine(store: a2, folder: lab.folder).rekey()
        #expect(try lab.sync(a2).garbage.retiredOldIDs == [old])
        // The original goes on under the old id: it finds itself retired and comes back.
        try lab.put(a, 2, [("name", .text("Bob on the original"))])
        let back = try lab.sync(a)
        #expect(back.garbage.cameBack)
        try lab.syncAll([a, a2, b], rounds: 3)
        for s in [a, a2, b] { #expect(try DeviceRetirement.retired(in: s).isEmpty) }
        try lab.expectConverged([a, a2, b])
        #expect(try lab.names(b) == ["Ada", "Bob on the original", "Carol on the copy"])
    }

    @Test func everyIDGivenUpIsRetiredEvenAfterTwoReKeysWithoutASync() throws {
        let lab = try SyncLab("rekey-retire-twice")
        let a = try lab.store("a"), b = try lab.store("b")
        try GarbageCollectionTests.edits(lab, a, 1...2)
        try lab.syncAll([a, b])
        let first = try a.device
        let second = try a.rekey(firstDivergent: nil)
        try DeviceKeyFile.create(for: second, nextTo: a.path)
        try DeviceKeyFile.create(for: try a.rekey(firstDivergent: nil), nextTo: a.path)
        let r = try lab.sync(a)
        #expect(r.garbage.retiredOldIDs == [first, second])
        try lab.syncAll([b, a])
        #expect(try DeviceRetirement.retired(in: b).contains(first))
        try lab.expectConverged([a, b])
    }
}
