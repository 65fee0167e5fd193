import Foundation
import Testing
import TouchbaseCore
@testable import TouchbaseExchange
import TouchbaseStore
@testable import TouchbaseSync
import TouchbaseTestSupport

/// The parts a killed snapshot writer leaves (Protocol/SPEC.md §3.7, rule 5): no snapshot names them,
/// so their device removes them once they are older than an hour, and nothing else: not the parts
/// of a snapshot in the folder, not another device's, not a folder holding anything but parts.
@Suite struct SnapshotOrphanTests {
    /// A writer whose snapshot file cannot be installed: it stops after its parts, as a writer
    /// killed between its last part and its snapshot does. Returns the orphaned part folder.
    static func orphan(_ store: Store, in lab: SyncLab) throws -> String {
        var folder = lab.folder
        folder.faults = { step, name in step == .install && name.hasSuffix(".tbs") ? EIO : nil }
        var engine = SyncEngine(store: store, folder: folder)
        engine.snapshotPolicy.partBytes = 200
        #expect(throws: ExchangeError.self) { try engine.writeSnapshot() }
        let dir = "snapshots/\(try store.device.hex)"
        let parts = try #require(Self.entries(lab, dir).first { !$0.hasSuffix(".tbs") })
        return dir + "/" + parts
    }

    static func entries(_ lab: SyncLab, _ relative: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: lab.path(relative))) ?? []).sorted()
    }

    /// Sets every file below `relative` (and the folder itself) two hours back.
    static func age(_ lab: SyncLab, _ relative: String) throws {
        let old = [FileAttributeKey.modificationDate: Date(timeIntervalSinceNow: -7200)]
        for name in Self.entries(lab, relative) { try FileManager.default.setAttributes(old, ofItemAtPath: lab.path(relative + "/" + name)) }
        try FileManager.default.setAttributes(old, ofItemAtPath: lab.path(relative))
    }

    static func exists(_ lab: SyncLab, _ relative: String) -> Bool { FileManager.default.fileExists(atPath: lab.path(relative)) }

    @Test func aKilledWritersPartsGoOnceTheyAreOlderThanAnHour() throws {
        let lab = try SyncLab("orphans")
        let a = try lab.store("a"), b = try lab.store("b")
        try GarbageCollectionTests.edits(lab, a, 1...20)
        try lab.syncAll([a, b])
        let orphan = try Self.orphan(a, in: lab)
        #expect(Self.entries(lab, orphan).count >= 2, "several parts, no snapshot")
        #expect(try lab.folder.scan().snapshots.isEmpty)

        // Young: another process of the device may still be writing it.
        #expect(!(try lab.sync(a)).garbage.removed.contains(orphan))
        #expect(Self.exists(lab, orphan))

        try Self.age(lab, orphan)
        let r = try lab.sync(a)
        #expect(r.garbage.removed.contains(orphan))
        #expect(!Self.exists(lab, orphan))
        #expect(Self.entries(lab, "snapshots/\(try a.device.hex)").isEmpty)
        try lab.expectConverged([a, b])
    }

    @Test func onlyOwnOrphansWithNothingButPartsAreRemoved() throws {
        let lab = try SyncLab("orphans-own")
        let a = try lab.store("a"), b = try lab.store("b")
        try GarbageCollectionTests.edits(lab, a, 1...12)
        try lab.syncAll([a, b])
        let foreign = try Self.orphan(b, in: lab)
        try Self.age(lab, foreign)
        // A named snapshot's parts, however old, stay.
        let named = try GarbageCollectionTests.snapshot(a, in: lab)
        let namedParts = String(named.relativePath.dropLast(4))
        try Self.age(lab, namedParts)
        // An own orphan holding something that is not a part stays too.
        try GarbageCollectionTests.edits(lab, a, 13...14)
        let mixed = try Self.orphan(a, in: lab)
        try Data("notes".utf8).write(to: URL(fileURLWithPath: lab.path(mixed + "/readme.txt")))
        try Self.age(lab, mixed)

        let r = try lab.sync(a)
        #expect(!r.garbage.removed.contains(foreign), "another device's orphan is never removed")
        #expect(Self.exists(lab, foreign))
        #expect(Self.exists(lab, mixed + "/readme.txt") && Self.exists(lab, mixed + "/1.tbp"))
        #expect(Self.exists(lab, namedParts + "/1.tbp"))
        try SnapshotOrphanTests.expectVerifies(named, lab, pins: a)
        // b removes its own.
        #expect(try lab.sync(b).garbage.removed.contains(foreign))
        #expect(!Self.exists(lab, foreign))
    }

    @Test func writingTheSameStateAgainTakesTheOrphanedPartsBackAndMakesThemYoung() throws {
        let lab = try SyncLab("orphans-again")
        let a = try lab.store("a")
        try GarbageCollectionTests.edits(lab, a, 1...12)
        try lab.sync(a)
        let orphan = try Self.orphan(a, in: lab)
        try Self.age(lab, orphan)
        var engine = SyncEngine(store: a, folder: lab.folder)
        engine.snapshotPolicy.partBytes = 200
        let written = try engine.writeSnapshot()
        #expect(String(written.path.dropLast(4)) == orphan, "the same state, the same parts")
        let part = try FileManager.default.attributesOfItem(atPath: lab.path(orphan + "/1.tbp"))
        let modified = try #require(part[.modificationDate] as? Date)
        #expect(modified > Date(timeIntervalSinceNow: -600), "a part taken back is young again")
        let entry = try #require(try lab.folder.scan().snapshots.first)
        try Self.expectVerifies(entry, lab, pins: a)
        #expect(!(try lab.sync(a)).garbage.removed.contains(orphan))
    }

    /// The snapshot and every part it names verify, with the keys `store` pinned.
    static func expectVerifies(_ entry: SnapshotEntry, _ lab: SyncLab, pins store: Store) throws {
        let folder = lab.folder.trusting(KeyPins(try store.pinnedKeys().compactMapValues { DevicePublicKey(raw: $0.publicKey) }))
        let (_, body) = try folder.readSnapshotBody(entry)
        for (i, p) in body.parts.enumerated() { _ = try folder.readSnapshotPart(of: entry, number: UInt64(i + 1), expected: p) }
    }
}
