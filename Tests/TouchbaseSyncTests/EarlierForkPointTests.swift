import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// A reader that learns a later fork point of an id first (Protocol/SPEC.md §3.6: heals are learned
/// in any order) still learns the earlier one from the files before it, and converges. Before, a
/// healed id's files before its first known heal were read by no one: a copy made before the id's
/// first Change never healed on that reader, which then waited on the copy's whole history forever
/// (the soak's "not quiet after 60 heal rounds", with a fork at #1 in an edition-2 file).
@Suite struct EarlierForkPointTests {
    @Test func aForkAtTheFirstChangeHealsOnAReaderThatHealedALaterForkPointFirst() throws {
        let lab = try SyncLab("earlier-fork-point", seed: 91)
        let a = try lab.store("a"), r = try lab.store("r")
        try DeviceKeyFile.loadOrCreate(for: a)
        let x = try a.device
        // Copied before its first Change: both copies make a Change #1 with no link before it.
        let (kept, renamed) = try HealLearningTests.fork(lab, a)
        // The reader applies the kept #1 first. It sees the folder through a replica that never
        // receives a later edition of a file of #1 until the end.
        let replica = SharedFolder(path: try lab.temp.directory("replica").path)
        func syncReader() throws -> SyncReport {
            try FolderReplicas.reconcile(keep: lab.folder, other: replica)
            let dir = replica.path + "/changes/" + x.hex
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where name.hasPrefix("1-1.") && name != "1-1.tbc" {
                try FileManager.default.removeItem(atPath: dir + "/" + name)
            }
            return try lab.sync(r, folder: replica)
        }
        try lab.sync(kept)
        _ = try syncReader()
        #expect(try r.version()[x] == 1)
        // The renamed copy meets its clash at #1, publishes its own #1 in the next edition and goes
        // on under the derived id.
        try lab.sync(renamed)
        #expect(try renamed.device != x)
        #expect(lab.changeFileNames(x).contains { $0.hasPrefix("1-1.") && $0 != "1-1.tbc" }, "\(lab.changeFileNames(x))")
        try lab.put(renamed, 2, [("name", .text("Bob"))])
        try lab.sync(renamed)

        // A later fork point on the kept line: copied again, both edit.
        try lab.put(kept, 3, [("name", .text("Cy"))])
        let second = try lab.copy(kept, as: "second")
        try lab.put(kept, 4, [("name", .text("Di"))])
        try lab.put(second, 5, [("name", .text("Eve"))])
        try ForkHealingSyncTests.settle(lab, [kept, second])
        var learned: [ForkHeal] = []
        for _ in 0..<3 { learned += try syncReader().healed }
        #expect(learned.contains { $0.device == x && $0.seq > 1 }, "the reader learns the later fork point first: \(learned)")
        #expect(!learned.contains { $0.seq == 1 })

        // The renamed copy's edition reaches the reader: it heals the fork at #1 too, and converges.
        try FolderReplicas.reconcile(keep: lab.folder, other: replica)
        let everyone = [kept, renamed, second, r]
        try ForkHealingSyncTests.settle(lab, everyone)
        #expect(try r.forkHealMap().heals.contains { $0.device == x && $0.seq == 1 })
        let last = try lab.sync(r)
        #expect(last.forks.isEmpty && last.waiting.isEmpty, "\(last.forks) \(last.waiting)")
        try lab.expectConverged(everyone)
        #expect(try lab.names(r) == ["Bob", "Cy", "Di", "Eve"])
    }
}
