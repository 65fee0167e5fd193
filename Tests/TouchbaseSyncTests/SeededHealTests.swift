import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// A fork of a database that joined from a snapshot (Protocol/SPEC.md §3.6 and §7.6): its log
/// lacks the Changes the snapshot covered, so healing must keep the state they gave.
@Suite struct SeededHealTests {
    /// A new device joins from a snapshot, edits, and is copied; both copies edit one contact. Every
    /// device heals the fork and ends identical: the contacts from before the snapshot, the joiner's
    /// own edit and both copies' edits (as a conflict) are all present.
    @Test func aForkOfASnapshotSeededDatabaseHealsAndKeepsEverything() throws {
        let lab = try SyncLab("heal-seeded", seed: 73)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.put(b, 2, [("name", .text("Grace"))])
        try lab.syncAll([a, b])
        let written = try SyncEngine(store: a, folder: lab.folder).writeSnapshot()
        #expect(written.newlyWritten)
        let j = try lab.store("j")
        try DeviceKeyFile.loadOrCreate(for: j)
        let joined = try lab.sync(j)
        #expect(joined.seededFrom == written.path)
        #expect(try j.changes(of: try a.device, after: 0).isEmpty, "the joiner's log lacks what the snapshot covered")
        try lab.put(j, 3, [("name", .text("Cy"))])
        try lab.syncAll([j, a, b])
        let j2 = try lab.copy(j, as: "j2")
        try lab.put(j, 1, [("organization", .text("J"))])
        try lab.put(j2, 1, [("organization", .text("J2"))])
        try ForkHealingSyncTests.settle(lab, [j, j2, a, b])
        let stores = [a, b, j, j2]
        var heals = 0
        for s in stores {
            heals += try s.forkHealMap().heals.count
            let name = try s.metaValue("deviceName") ?? ""
            #expect(try lab.names(s) == ["Ada", "Grace", "Cy"], "\(name)")
            #expect(try ForkHealingSyncTests.values(s, "organization") == ["J", "J2"], "\(name)")
        }
        #expect(heals == stores.count, "every device knows the heal")
        try SnapshotSyncTests.expectConverged(lab, stores, "seeded heal")
        #expect(Set(try stores.map { try $0.device }).count == 4, "the renamed copy goes on under the derived id")
    }

    /// The same after garbage collection removed every file the joiner's snapshot covered: replaying
    /// the joiner's log alone (or re-reading the folder) cannot give back what the snapshot gave, so
    /// healing must derive the state from a snapshot again. Every device heals, nothing is lost.
    @Test func aForkOfASeededDatabaseHealsAfterGarbageCollectionRemovedWhatItsSnapshotCovered() throws {
        let lab = try SyncLab("heal-seeded-gc", seed: 74)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.put(b, 2, [("name", .text("Grace"))])
        try lab.syncAll([a, b])
        // Each device collects only its own files, and only those its own snapshot covers.
        #expect(try SyncEngine(store: a, folder: lab.folder).writeSnapshot().newlyWritten)
        #expect(try SyncEngine(store: b, folder: lab.folder).writeSnapshot().newlyWritten)
        let j = try lab.store("j")
        try DeviceKeyFile.loadOrCreate(for: j)
        #expect(try lab.sync(j).seededFrom != nil)
        try lab.put(j, 3, [("name", .text("Cy"))])
        try lab.syncAll([j, a, b])
        try lab.syncAll([j, a, b])
        let scan = try lab.folder.scan()
        let aID = try a.device, bID = try b.device
        #expect(scan.changeFiles(of: aID).isEmpty && scan.changeFiles(of: bID).isEmpty,
                "garbage collection removed the files the snapshot covered: \(scan.changeFiles.map(\.relativePath))")
        #expect(try j.changes(of: aID, after: 0).isEmpty, "the joiner's log lacks what the snapshot covered")

        let j2 = try lab.copy(j, as: "j2")
        try lab.put(j, 1, [("organization", .text("J"))])
        try lab.put(j2, 1, [("organization", .text("J2"))])
        try ForkHealingSyncTests.settle(lab, [j, j2, a, b])
        let stores = [a, b, j, j2]
        for s in stores {
            let name = try s.metaValue("deviceName") ?? ""
            #expect(try lab.names(s) == ["Ada", "Grace", "Cy"], "\(name)")
            #expect(try ForkHealingSyncTests.values(s, "organization") == ["J", "J2"], "\(name)")
            #expect(try s.forkHealMap().heals.count == 1, "\(name) knows the heal")
        }
        try SnapshotSyncTests.expectConverged(lab, stores, "seeded heal after garbage collection")
        #expect(Set(try stores.map { try $0.device }).count == 4, "the renamed copy goes on under the derived id")
    }
}
