import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// When a sync re-seeds from a snapshot (Protocol/SPEC.md §3.7): only for Changes that no file in
/// the folder holds any more. A device merely behind imports, and its log stays whole.
@Suite struct ReseedBookkeepingTests {
    /// b is behind a's snapshot, and the file with the Changes it lacks is still arriving
    /// (truncated). b waits for that file instead of re-seeding around it, then imports it.
    @Test func aFileStillArrivingIsWaitedForNotReseededAround() throws {
        let lab = try SyncLab("reseed-arriving", seed: 54)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.put(b, 9, [("name", .text("Bea"))])
        try lab.syncAll([a, b])
        try GarbageCollectionTests.edits(lab, a, 1...3)
        try lab.sync(a)
        try GarbageCollectionTests.snapshot(a, in: lab)
        let me = try a.device
        let file = lab.path("changes/\(me.hex)/1-3.tbc")
        let whole = try Data(contentsOf: URL(fileURLWithPath: file))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: file))

        let r = try lab.sync(b)
        #expect(r.garbage.reseededFrom == nil, "the folder still holds a's Changes 1–3: nothing to re-seed for")
        #expect(try b.version()[me] == 0)
        try whole.write(to: URL(fileURLWithPath: file))
        let after = try lab.sync(b)
        #expect(after.garbage.reseededFrom == nil)
        #expect(after.imported[me] == 3)
        #expect(try b.changes(of: me, after: 0).map(\.seq) == [1, 2, 3], "b's log holds what it imported")
        #expect(try lab.names(b) == lab.names(a))
    }
}
