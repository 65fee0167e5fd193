import Foundation
import Testing
import TouchbaseCore
@testable import TouchbaseExchange
import TouchbaseStore
@testable import TouchbaseSync
import TouchbaseTestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A quiet sync skips what it decided before from the same listing (Protocol/SPEC.md §3.4, §11.2):
/// a device's notes of checked files are headed by the listing they vouch for, and the relay pass
/// notes the state in which it found nothing to do. Whatever the listing no longer shows (a note
/// forgotten, a file lost, a read that failed, a temporary that grows stale with time alone) still
/// gets its work done.
@Suite struct QuietSyncScheduleTests {
    /// The lab's folder, counting reads of changes files and relays; a minute after the files were
    /// written (past the racy window), and failing reads of the paths in `failing`.
    static func watched(_ lab: SyncLab, failing: Set<String> = []) -> (SharedFolder, FileNotesSyncTests.Reads) {
        let reads = FileNotesSyncTests.Reads()
        var folder = lab.folder
        folder.faults = { step, path in
            guard step == .readFile else { return nil }
            if failing.contains(path) { return EIO }
            reads.note(path)
            return nil
        }
        folder.observationOffset = 60 * 1_000_000_000
        return (folder, reads)
    }

    static func meta(_ store: Store, _ key: String) throws -> String? { try store.metaValue(key) }

    @Test func theNotesOfAQuietDeviceAreHeadedByTheirListingAndForgettingThemReadsAgain() throws {
        let lab = try SyncLab("quiet-notes")
        let (a, b) = try FileNotesSyncTests.threeFiles(lab)
        let (later, reads) = Self.watched(lab)
        #expect(try lab.sync(b, folder: later).importedTotal == 3)
        #expect(reads.take().count == 3)
        try lab.sync(b, folder: later)
        let key = "checkedFiles." + (try a.device).hex
        let notes = try #require(try Self.meta(b, key))
        #expect(notes.hasPrefix("#listing "), "\(notes.prefix(80))")
        #expect(FileFingerprint.table(notes).count == 3, "the heading is no note")
        try lab.sync(b, folder: later)
        #expect(reads.take() == [])
        #expect(try Self.meta(b, key) == notes, "a quiet sync leaves the notes alone")

        // Forgotten as a heal forgets them: every file is read again.
        try b.setMetaValue(key, nil)
        try lab.sync(b, folder: later)
        #expect(reads.take().count == 3, "notes forgotten: read again")
        try lab.sync(b, folder: later)
        #expect(reads.take() == [])

        // A lost file leaves the notes (and b relays it); put back, it is read again (to compare it,
        // and to see that b's relay is no longer needed), and then no more.
        let relative = "changes/\(try a.device.hex)/2-2.tbc"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: lab.path(relative)))
        try FileManager.default.removeItem(atPath: lab.path(relative))
        #expect(try lab.sync(b, folder: later).relayed == 1)
        #expect(reads.take() == [])
        #expect(!FileFingerprint.table(try Self.meta(b, key) ?? "").keys.contains(relative))
        try bytes.write(to: URL(fileURLWithPath: lab.path(relative)))
        #expect(try lab.sync(b, folder: later).relaysRemoved == 1)
        #expect(Set(reads.take()) == [relative])
        try lab.sync(b, folder: later)
        #expect(reads.take() == [])
        try lab.expectConverged([a, b])
    }

    /// b holds a's Changes and syncs quietly (the relay pass notes its state). a's first file is
    /// lost: the listing moved, so b relays it at once.
    @Test func aFileLostAfterQuietSyncsIsRelayed() throws {
        let lab = try SyncLab("quiet-relay", seed: 41)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.sync(a)
        try lab.put(a, 2, [("name", .text("Bob"))])
        try lab.sync(a)
        let (later, _) = Self.watched(lab)
        try lab.sync(b, folder: later)
        for _ in 0..<2 { #expect(try lab.sync(b, folder: later).relayed == 0) }
        #expect(try Self.meta(b, SyncEngine.Marks.relayedState) != nil, "a quiet pass notes its state")
        let aID = try a.device
        try FileManager.default.removeItem(atPath: lab.path("changes/\(aID.hex)/1-1.tbc"))
        #expect(try lab.sync(b, folder: later).relayed == 1)
        #expect(try lab.sync(b, folder: later).relayed == 0)
        let c = try lab.store("c")
        #expect(try lab.sync(c).imported[aID] == 2)
    }

    /// An own temporary listed while still young keeps the relay pass from noting its state, so
    /// once it has grown stale (with no other change in the folder) it is removed.
    @Test func anOwnTemporaryIsRemovedOnceStaleThoughNothingElseChanged() throws {
        let lab = try SyncLab("quiet-temporary")
        let (_, b) = try FileNotesSyncTests.threeFiles(lab)
        let (later, _) = Self.watched(lab)
        try lab.sync(b, folder: later)
        try lab.sync(b, folder: later)
        #expect(try Self.meta(b, SyncEngine.Marks.relayedState) != nil)
        let temporary = lab.path("acks/" + SharedFolder.temporaryPrefix(try b.device) + "00000000000000ab.tmp")
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: temporary))
        try lab.sync(b, folder: later)
        #expect(FileManager.default.fileExists(atPath: temporary), "young: kept")
        #expect(try Self.meta(b, SyncEngine.Marks.relayedState) == nil, "not noted while a temporary is listed")
        FileNotesSyncTests.setModified(temporary, timespec(tv_sec: time(nil) - 7_200, tv_nsec: 0))
        try lab.sync(b, folder: later)
        #expect(!FileManager.default.fileExists(atPath: temporary), "stale: removed")
        try lab.sync(b, folder: later)
        #expect(try Self.meta(b, SyncEngine.Marks.relayedState) != nil)
    }

    /// b relayed a's lost file; the file comes back. Housekeeping removes b's relay once it reads
    /// a's file: a read that fails keeps the relay and notes no state, so the next sync (the same
    /// listing) reads again and removes it.
    @Test func aRelayKeptOnAFailedReadIsRemovedNextTime() throws {
        let lab = try SyncLab("quiet-housekeeping", seed: 41)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.sync(a)
        try lab.put(a, 2, [("name", .text("Bob"))])
        try lab.sync(a)
        let (later, _) = Self.watched(lab)
        try lab.sync(b, folder: later)
        let aID = try a.device, bID = try b.device
        let lost = "changes/\(aID.hex)/1-1.tbc"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: lab.path(lost)))
        try FileManager.default.removeItem(atPath: lab.path(lost))
        #expect(try lab.sync(b, folder: later).relayed == 1)
        let relay = lab.path("relays/\(bID.hex)/\(aID.hex)/1-1.tbc")
        #expect(FileManager.default.fileExists(atPath: relay))
        try bytes.write(to: URL(fileURLWithPath: lab.path(lost)))
        let (failing, _) = Self.watched(lab, failing: [lost])
        #expect(try lab.sync(b, folder: failing).relaysRemoved == 0)
        #expect(FileManager.default.fileExists(atPath: relay), "the author's file did not read: the relay stays")
        #expect(try lab.sync(b, folder: later).relaysRemoved == 1)
        #expect(!FileManager.default.fileExists(atPath: relay))
    }
}
