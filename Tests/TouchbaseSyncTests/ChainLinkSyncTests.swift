import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// The engine's checks of the hash chain's links (Protocol/SPEC.md §3.6): a history that began
/// before format 3.0 goes on chained, a history never goes back to unchained, and a Change that
/// names another previous Change than the one applied is a fork, not applied.
@Suite struct ChainLinkSyncTests {
    /// a's first two Changes were made before 3.0 (unchained, published in a file of that time);
    /// its next one links to them. A 3.0 reader applies all three and reports no fork.
    @Test func anUnchainedHistoryGoesOnChained() throws {
        let lab = try SyncLab("chain-upgrade", seed: 21)
        let a = try lab.store("a"), b = try lab.store("b")
        let id = try a.device
        let old = [
            Change(device: id, seq: 1, hlc: HLC(milliseconds: 1_000, counter: 0), deps: VersionVector(),
                   ops: RecordOps.put("contact", Fixtures.record(1), [("name", .text("Ada"))])),
            Change(device: id, seq: 2, hlc: HLC(milliseconds: 2_000, counter: 0), deps: VersionVector(),
                   ops: RecordOps.put("contact", Fixtures.record(2), [("name", .text("Grace"))])),
        ]
        _ = try a.apply(old)
        try lab.sync(a)
        try lab.put(a, 3, [("name", .text("Carol"))])
        let third = try #require(try a.changes(of: id, after: 2).first)
        #expect(third.prev == old[1].digest() && third.isChained)
        try lab.sync(a)
        let r = try lab.sync(b)
        #expect(r.imported == [id: 3] && r.forks.isEmpty)
        #expect(try lab.names(b) == ["Ada", "Grace", "Carol"])
    }

    /// A file under a's id (signed with a's key, as a copy would) holding a Change 3 that names
    /// another Change 2, and one holding an unchained Change 3 after a chained 2: neither applies,
    /// both are reported as a chain break at a #2; a's own next Change still applies after them.
    @Test(arguments: ["other link", "unchained"])
    func aChangeThatDoesNotContinueTheChainIsAFork(kind: String) throws {
        let lab = try SyncLab("chain-break-\(kind)", seed: 22)
        let a = try lab.store("a"), b = try lab.store("b")
        let id = try a.device
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.put(a, 1, [("organization", .text("X"))])
        try lab.sync(a)
        try lab.sync(b)
        let second = try #require(try a.changes(of: id, after: 1).first)
        let forged = Change(device: id, seq: 3, hlc: HLC(milliseconds: lab.clock.now + 10, counter: 0), deps: VersionVector(),
                            ops: RecordOps.put("contact", Fixtures.record(9), [("name", .text("Mallory"))]),
                            prev: kind == "unchained" ? nil : Array(repeating: 0x5A, count: 32))
        #expect(second.isChained)
        try lab.folder.signing(with: try DeviceKeyFile.loadOrCreate(for: a)).publish([forged])

        let r = try lab.sync(b)
        #expect(r.forks == [ForkEvidence(device: id, seq: 2, kind: .chainBreak, file: "changes/\(id.hex)/3-3.tbc")], "\(r.forks)")
        #expect(r.importedTotal == 0)
        #expect(try lab.names(b) == ["Ada"])
        #expect(try b.version()[id] == 2)
    }
}
