import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// `device rekey` of a database whose log was compacted (Protocol/SPEC.md §3.4, §3.7): with nothing
/// to re-issue (every own Change is in the folder, or was removed there under a snapshot) only the
/// id changes, and the state stays as it is; with own Changes that only this database holds, the
/// re-key would have to replay the whole log, so it is refused, says how many, and changes nothing.
@Suite struct CompactedRekeyTests {
    /// a and b in sync; a snapshot of a's; a's covered files removed and its log compacted.
    static func compacted(_ label: String) throws -> (SyncLab, Store, Store) {
        let lab = try SyncLab(label)
        let a = try lab.store("a"), b = try lab.store("b")
        try GarbageCollectionTests.edits(lab, a, 1...4)
        try lab.syncAll([a, b])
        try GarbageCollectionTests.snapshot(a, in: lab)
        try lab.syncAll([a, b])
        #expect(try !a.compactedLog().entries.isEmpty)
        #expect(lab.changeFileNames(try a.device).isEmpty, "removed under the snapshot")
        return (lab, a, b)
    }

    @Test func withEverythingInTheFolderOnlyTheIDChanges() throws {
        let (lab, a, b) = try Self.compacted("rekey-compacted")
        let old = try a.device
        let before = try SyncTestSupport.observable(a), version = try a.version()
        let new = try SyncEngine(store: a, folder: lab.folder).rekey()
        #expect(new != old)
        #expect(try a.device == new)
        #expect(try SyncTestSupport.observable(a) == before, "the state is untouched")
        #expect(try a.version() == version, "nothing re-issued, nothing dropped")
        // The new id edits, publishes and is imported; the old id is retired.
        try lab.put(a, 9, [("name", .text("After the re-key"))])
        let r = try lab.sync(a)
        #expect(r.identityClash == nil && !r.signingKeyReplaced && r.published == 2)
        #expect(r.garbage.retiredOldIDs == [old])
        try lab.syncAll([b, a])
        #expect(try lab.names(b).contains("After the re-key"))
        #expect(try DeviceRetirement.retired(in: b) == [old])
        try GarbageCollectionTests.expectConverged(lab, [a, b])
    }

    @Test func ownChangesOnlyThisDatabaseHoldsAreRefusedAndNothingChanges() throws {
        let (lab, a, _) = try Self.compacted("rekey-compacted-refused")
        let me = try a.device
        // Two edits that no file holds: the signing key is lost, so they cannot be published.
        try GarbageCollectionTests.edits(lab, a, 5...6)
        try FileManager.default.removeItem(atPath: DeviceKeyFile.path(nextTo: a.path))
        #expect(try lab.sync(a).signingKeyReplaced)
        let before = try SyncTestSupport.observable(a), version = try a.version()
        #expect(throws: StoreError(.logCompacted, detail: "2")) { try SyncEngine(store: a, folder: lab.folder).rekey() }
        #expect(try a.device == me)
        #expect(try a.version() == version)
        #expect(try SyncTestSupport.observable(a) == before)
        #expect(try a.changes(of: me, after: 4).count == 2, "the edits are kept")
        let reason = StoreError(.logCompacted, detail: "2").description
        #expect(reason.contains("2 own changes") && reason.contains("nothing was changed"))
        #expect(!reason.contains("touchbase") && !reason.contains("--"), "the kit names no command")
    }
}
