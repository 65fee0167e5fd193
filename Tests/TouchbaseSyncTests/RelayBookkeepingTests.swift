import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// Relay housekeeping's bookkeeping (Protocol/SPEC.md §3.3, §11.2): a relay goes only when the
/// author's verified files hold the same Changes again.
@Suite struct RelayBookkeepingTests {
    /// b relays a's lost file. Then a file of the same name and range comes back, signed by a's key
    /// but holding another history (a copy of a's database that went on under its id). That is no
    /// cover for the relay: it stays, the only file in the folder with a's own history.
    @Test func anAuthorsFileOfAnotherHistoryIsNoCover() throws {
        let lab = try SyncLab("relay-other-history", seed: 53)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.syncAll([a, b])
        let copy = try lab.copy(a, as: "a2")  // same id, same signing key
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.sync(a)
        try lab.sync(b)
        let aID = try a.device, bID = try b.device
        let file = "changes/\(aID.hex)/1-1.tbc"
        try FileManager.default.removeItem(atPath: lab.path(file))
        #expect(try lab.sync(b).relayed == 1)
        let relay = lab.path("relays/\(bID.hex)/\(aID.hex)/1-1.tbc")
        let relayed = try Data(contentsOf: URL(fileURLWithPath: relay))

        // The copy's own Change 1, published into another folder, then delivered under a's name.
        try lab.put(copy, 2, [("name", .text("Grace"))])
        let elsewhere = SharedFolder(path: try lab.temp.directory("elsewhere").path)
        try lab.sync(copy, folder: elsewhere)
        try FileManager.default.copyItem(atPath: elsewhere.path + "/" + file, toPath: lab.path(file))
        #expect(try Data(contentsOf: URL(fileURLWithPath: lab.path(file))) != relayed)

        let r = try lab.sync(b)
        #expect(r.relaysRemoved == 0)
        #expect(FileManager.default.fileExists(atPath: relay), "the relay holds the only copy of a's own history in the folder")
        #expect(try Data(contentsOf: URL(fileURLWithPath: relay)) == relayed)
    }

    /// a's own snapshot covers its Changes 1–3, but c has not acknowledged them, so they are not
    /// garbage yet (a keeps its file). When that file is lost, b relays the range for c.
    @Test func aRangeItsAuthorsSnapshotCoversIsRelayedWhileAnAckLags() throws {
        let lab = try SyncLab("relay-lagging-ack", seed: 57)
        let a = try lab.store("a"), b = try lab.store("b"), c = try lab.store("c")
        try lab.put(c, 9, [("name", .text("Cleo"))])
        try lab.syncAll([a, b, c])
        try GarbageCollectionTests.edits(lab, a, 1...3)
        try lab.sync(a)
        try lab.sync(b)
        try GarbageCollectionTests.snapshot(a, in: lab)
        let aID = try a.device
        #expect(try lab.sync(a).garbage.awaiting == [try c.device])
        #expect(lab.changeFileNames(aID) == ["1-3.tbc"])
        try FileManager.default.removeItem(atPath: lab.path("changes/\(aID.hex)/1-3.tbc"))
        #expect(try lab.sync(b).relayed == 3, "c has not acknowledged 1–3: b relays them")
        let got = try lab.sync(c)
        #expect(got.garbage.reseededFrom == nil && got.waiting.isEmpty)
        #expect(try c.changes(of: aID, after: 0).map(\.seq) == [1, 2, 3])
    }
}
