import Foundation
import Testing
import TouchbaseCore
@testable import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// Relay housekeeping (Protocol/SPEC.md §3.3, §11.2): a relayer removes its relay once the author's
/// own verified file holds the same Changes again, keeps it while the author's file is missing,
/// damaged or of another history, and removes its stale temporaries under `relays/` like others.
@Suite struct RelayHousekeepingSyncTests {
    @Test func aRelayIsRemovedOnceTheAuthorsFileIsBack() throws {
        let lab = try SyncLab("relay-house", seed: 42)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.sync(a)
        try lab.sync(b)
        let aID = try a.device, bID = try b.device
        let lost = "changes/\(aID.hex)/1-1.tbc"
        let saved = try Data(contentsOf: URL(fileURLWithPath: lab.path(lost)))
        try FileManager.default.removeItem(atPath: lab.path(lost))
        #expect(try lab.sync(b).relayed == 1)
        let relay = lab.path("relays/\(bID.hex)/\(aID.hex)/1-1.tbc")
        #expect(FileManager.default.fileExists(atPath: relay))

        // A damaged file of the author is no cover: the relay stays.
        var damaged = [UInt8](saved)
        damaged[damaged.count / 2] ^= 0x40
        try Data(damaged).write(to: URL(fileURLWithPath: lab.path(lost)))
        #expect(try lab.sync(b).relaysRemoved == 0)
        #expect(FileManager.default.fileExists(atPath: relay))

        // The author publishes again (here: its file is put back whole): the relay goes.
        try saved.write(to: URL(fileURLWithPath: lab.path(lost)))
        #expect(try lab.sync(b).relaysRemoved == 1)
        #expect(!FileManager.default.fileExists(atPath: relay))
        let c = try lab.store("c")
        #expect(try lab.sync(c).imported[aID] == 1)
        #expect(try lab.sync(b).relayed == 0, "nothing to relay again")
    }

    @Test func staleTemporariesUnderRelaysAreRemoved() throws {
        let lab = try SyncLab("relay-tmp", seed: 43)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.sync(a)
        try lab.sync(b)
        let aID = try a.device, bID = try b.device
        let dir = lab.path("relays/\(bID.hex)/\(aID.hex)")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let stale = dir + "/" + SharedFolder.temporaryName(bID)
        let young = dir + "/" + SharedFolder.temporaryName(bID)
        let foreign = dir + "/" + SharedFolder.temporaryName(aID)
        for p in [stale, young, foreign] { try Data([1]).write(to: URL(fileURLWithPath: p)) }
        let old = Date(timeIntervalSinceNow: -7200)
        for p in [stale, foreign] { try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: p) }
        try lab.sync(b)
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: young), "younger than an hour: maybe another process of b still writing")
        #expect(FileManager.default.fileExists(atPath: foreign), "another device's temporary")
    }
}
