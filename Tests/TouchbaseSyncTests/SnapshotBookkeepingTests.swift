import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// What a join from a snapshot notes about the folder (Protocol/SPEC.md §7.6): the changes files
/// the snapshot covers are never read.
@Suite struct SnapshotBookkeepingTests {
    /// The files of `device` this database noted as checked (compared or covered), by path.
    static func checkedFiles(_ store: Store, of device: DeviceID) throws -> Set<String> {
        Set((try store.metaValue("checkedFiles." + device.hex) ?? "").split(separator: "\n").map { String($0.split(separator: " ")[0]) })
    }

    /// A device that joins from a snapshot notes every changes file the snapshot covers as checked
    /// (with its fingerprint) without reading it, damaged ones included, so no later sync reads
    /// them either.
    @Test func aJoinNotesEveryCoveredFileAsChecked() throws {
        let lab = try SyncLab("snap-notes", seed: 58)
        let a = try lab.store("a"), b = try lab.store("b")
        for i in 1...3 {
            try lab.put(a, UInt64(i), [("name", .text("P\(i)"))])
            try lab.sync(a)
        }
        try lab.put(b, 9, [("name", .text("B"))])
        try lab.syncAll([a, b])
        _ = try SyncEngine(store: a, folder: lab.folder).writeSnapshot()
        let aID = try a.device, bID = try b.device
        let covered = lab.changeFileNames(aID).map { "changes/\(aID.hex)/\($0)" }
        #expect(covered.count == 3)
        for path in covered { try lab.flipByte(path) }
        let fresh = try lab.store("fresh")
        let r = try lab.sync(fresh)
        #expect(r.seededFrom != nil && r.damaged.isEmpty, "\(r.damaged)")
        #expect(try Self.checkedFiles(fresh, of: aID) == Set(covered))
        #expect(try Self.checkedFiles(fresh, of: bID) == ["changes/\(bID.hex)/1-1.tbc"])
    }
}
