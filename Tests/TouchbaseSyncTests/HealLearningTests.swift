import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// How a reader learns a heal and reads a healed device's files (Protocol/SPEC.md §3.6): a forked
/// device's files hold Changes of several lines, and a Change of one line that waits must not keep
/// the reader from the later files that hold the other line's Changes it waits on; two files with
/// different Changes that continue the same Change show the fork point without either being applied.
@Suite struct HealLearningTests {
    /// The copy whose history is renamed (`renamed`) and the one that keeps the id (`kept`), both
    /// edited once after the copy; which is which follows from the digests of their Changes.
    static func fork(_ lab: SyncLab, _ a: Store) throws -> (kept: Store, renamed: Store) {
        let c = try lab.copy(a, as: "c")
        try lab.put(a, 1, [("organization", .text("A"))])
        try lab.put(c, 1, [("organization", .text("C"))])
        let dot = Dot(device: try a.device, seq: try a.version()[try a.device])
        let da = SHA256Digest.hash(try #require(try a.encodedChange(dot)))
        let dc = SHA256Digest.hash(try #require(try c.encodedChange(dot)))
        return ForkHeal.keeps(da, against: dc) ? (a, c) : (c, a)
    }

    /// The renamed history publishes its fork point and one more Change under the forked id, then
    /// writes two more offline; the kept history heals, reads the renamed Changes, and its next
    /// Change depends on the last of them. So the forked id's files, in name order, give the kept
    /// Change that waits before the renamed Changes it waits on (`4-5` sorts after `3-3`). A reader
    /// meeting all of them reads on past the waiting Change, and converges.
    @Test func aWaitingChangeOfAHealedDeviceDoesNotHideItsLaterFiles() throws {
        let lab = try SyncLab("heal-read-on", seed: 71)
        let a = try lab.store("a"), r = try lab.store("r")
        try DeviceKeyFile.loadOrCreate(for: a)
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.syncAll([a, r])
        let x = try a.device
        let (kept, renamed) = try Self.fork(lab, a)
        try lab.put(renamed, 2, [("name", .text("Bob"))])
        try lab.sync(renamed)
        #expect(lab.changeFileNames(x).contains("2-3.tbc"), "\(lab.changeFileNames(x))")
        try lab.put(renamed, 3, [("name", .text("Cy"))])
        try lab.put(renamed, 4, [("name", .text("Di"))])
        // The kept copy meets the renamed fork point and heals; it keeps the id.
        var healed = false
        for _ in 0..<2 { healed = try !lab.sync(kept).healed.isEmpty || healed }
        #expect(healed)
        #expect(try kept.device == x)
        // The renamed copy heals too and publishes its last two Changes under the forked id first.
        try lab.sync(renamed)
        #expect(try renamed.device != x)
        #expect(lab.changeFileNames(x).contains("4-5.tbc"), "\(lab.changeFileNames(x))")
        let derived = try renamed.device
        try lab.sync(kept)
        #expect(try kept.version()[derived] == 4)
        // The kept history's next Change depends on the renamed history's fourth.
        try lab.put(kept, 5, [("name", .text("Eve"))])
        try lab.sync(kept)
        #expect(lab.changeFileNames(x).contains("3-3.tbc"), "\(lab.changeFileNames(x))")

        var last = SyncReport()
        for _ in 0..<4 { last = try lab.sync(r) }
        #expect(last.waiting.isEmpty, "\(last.waiting)")
        #expect(try r.version() == kept.version())
        #expect(try lab.names(r) == ["Ada", "Bob", "Cy", "Di", "Eve"])
        try ForkHealingSyncTests.settle(lab, [kept, renamed, r])
        try lab.expectConverged([kept, renamed, r])
    }

    /// Both copies' fork-point Changes depend on a Change the reader does not hold yet, so it applies
    /// neither; the two verified files that hold them show the fork point all the same, and the
    /// reader learns the heal from them.
    @Test func aHealIsLearnedFromTwoFilesWithoutApplyingEither() throws {
        let lab = try SyncLab("heal-from-files", seed: 72)
        let a = try lab.store("a"), b = try lab.store("b"), r = try lab.store("r")
        try DeviceKeyFile.loadOrCreate(for: a)
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.syncAll([a, b, r])
        let x = try a.device
        // b's Change reaches both copies but not the reader (its file is held back).
        try lab.put(b, 2, [("name", .text("Bob"))])
        try lab.sync(b)
        try lab.sync(a)
        let bFiles = lab.changeFileNames(try b.device)
        let aside = try lab.temp.directory("aside").path
        for name in bFiles {
            try FileManager.default.moveItem(atPath: lab.path("changes/\(try b.device.hex)/\(name)"), toPath: aside + "/" + name)
        }
        let (kept, renamed) = try Self.fork(lab, a)
        // Both publish their fork point under the forked id, in two files (the second copy to
        // publish meets the clash, heals, and publishes its own history first).
        try lab.sync(kept)
        try lab.sync(renamed)
        #expect(lab.changeFileNames(x).count >= 3, "\(lab.changeFileNames(x))")
        for name in lab.changeFileNames(try b.device) where !bFiles.contains(name) {
            try FileManager.default.moveItem(atPath: lab.path("changes/\(try b.device.hex)/\(name)"), toPath: aside + "/" + name)
        }
        // Nor has any relay of b's Change reached it.
        let relays = try lab.temp.directory("aside-relays").path + "/r"
        if FileManager.default.fileExists(atPath: lab.path("relays")) { try FileManager.default.moveItem(atPath: lab.path("relays"), toPath: relays) }
        let report = try lab.sync(r)
        #expect(try r.version()[x] == 1, "the reader applied neither fork point")
        let heal = try #require(try renamed.forkHealMap().heals.first, "the second copy to sync heals its clash")
        #expect(report.healed == [heal], "\(report.healed)")
        #expect(try r.forkHealMap().heals == [heal])
        // Once b's file is back, the reader converges with both.
        for name in try FileManager.default.contentsOfDirectory(atPath: aside) {
            try FileManager.default.moveItem(atPath: aside + "/" + name, toPath: lab.path("changes/\(try b.device.hex)/\(name)"))
        }
        if FileManager.default.fileExists(atPath: relays) { try FileManager.default.moveItem(atPath: relays, toPath: lab.path("relays")) }
        try ForkHealingSyncTests.settle(lab, [kept, renamed, b, r])
        try lab.expectConverged([kept, renamed, b, r])
    }
}
