import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// Garbage collection's file bookkeeping at the horizon (Protocol/SPEC.md §3.7): an own file goes
/// only when its last Change is at or below the horizon.
@Suite struct GarbageBookkeepingTests {
    /// The snapshot covers a's Changes 1–3, but one file holds 1–5 (the edits after the snapshot
    /// were published with the earlier ones). That file stays whole: removing it would take 4 and
    /// 5, which no snapshot covers, out of the folder.
    @Test func aFileReachingPastTheHorizonStays() throws {
        let lab = try SyncLab("gc-straddle", seed: 51)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.syncAll([a, b])
        try GarbageCollectionTests.edits(lab, a, 1...3)
        try GarbageCollectionTests.snapshot(a, in: lab)
        try GarbageCollectionTests.edits(lab, a, 4...5)
        try lab.sync(a)
        let me = try a.device
        #expect(lab.changeFileNames(me) == ["1-5.tbc"])
        try lab.sync(b)  // acknowledges 1–5
        let r = try lab.sync(a)
        #expect(r.garbage.horizon == 3)
        #expect(r.garbage.removed.isEmpty, "\(r.garbage.removed)")
        #expect(lab.changeFileNames(me) == ["1-5.tbc"])
        // A device joining now (before a syncs again) gets 4 and 5 from that file.
        let c = try lab.store("c")
        let joined = try lab.sync(c)
        #expect(joined.waiting.isEmpty, "\(joined.waiting)")
        #expect(try c.version()[me] == 5)
        #expect(try lab.names(c) == lab.names(a))
    }
}
