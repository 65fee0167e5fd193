import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// Which own Changes a sync publishes again (the folder scan is the truth, issue 7 case 3): any run
/// that no intact own file holds, however short, wherever it lies.
@Suite struct OwnFilesBookkeepingTests {
    /// Three files 1-1, 2-2, 3-3; the middle one is lost. The next sync publishes exactly that
    /// Change again, and a reader that lacked it gets everything.
    @Test func aLostFileBetweenTwoIntactOnesIsPublishedAgain() throws {
        let lab = try SyncLab("lost-middle", seed: 52)
        let a = try lab.store("a"), b = try lab.store("b")
        for (n, name) in [(UInt64(1), "Ada"), (2, "Bob"), (3, "Carol")] {
            try lab.put(a, n, [("name", .text(name))])
            try lab.sync(a)
        }
        let me = try a.device
        #expect(lab.changeFileNames(me) == ["1-1.tbc", "2-2.tbc", "3-3.tbc"])
        try FileManager.default.removeItem(atPath: lab.path("changes/\(me.hex)/2-2.tbc"))
        let r = try lab.sync(a)
        #expect(r.published == 1 && r.republished == 1, "\(r.published) \(r.republished)")
        #expect(lab.changeFileNames(me) == ["1-1.tbc", "2-2.tbc", "3-3.tbc"])
        let got = try lab.sync(b)
        #expect(got.waiting.isEmpty, "\(got.waiting)")
        #expect(try lab.names(b) == ["Ada", "Bob", "Carol"])
        #expect(try lab.sync(a).published == 0, "a quiet sync publishes nothing more")
    }
}
