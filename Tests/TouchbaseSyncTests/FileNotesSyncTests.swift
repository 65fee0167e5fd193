import Foundation
import Testing
import TouchbaseCore
@testable import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A quiet sync opens no file it checked before, yet a file changed since (written in place, even
/// at the same size with its modification time set back, or replaced under its name) is read again,
/// and so is one noted too close to its last write to tell a later write from it (Protocol/SPEC.md
/// §3.4, "Content, not names").
@Suite struct FileNotesSyncTests {
    /// The change files a folder value reads, by path.
    final class Reads: @unchecked Sendable {
        private let lock = NSLock()
        private var paths: [String] = []
        func note(_ path: String) { lock.withLock { paths.append(path) } }
        /// The change files read since the last call.
        func take() -> [String] { lock.withLock { defer { paths = [] }; return paths.filter { $0.hasPrefix("changes/") }.sorted() } }
    }

    /// The lab's folder, counting reads; `later` seconds after the files were written.
    static func watched(_ lab: SyncLab, later seconds: Int64 = 0) -> (SharedFolder, Reads) {
        let reads = Reads()
        var folder = lab.folder
        folder.faults = { step, path in
            if step == .readFile { reads.note(path) }
            return nil
        }
        folder.observationOffset = seconds * 1_000_000_000
        return (folder, reads)
    }

    /// Sets a file's modification time (its status-change time moves to now).
    static func setModified(_ path: String, _ time: timespec) {
        var times = [time, time]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
    }

    static func modified(_ path: String) -> timespec {
        var st = stat()
        #expect(stat(path, &st) == 0)
        #if canImport(Darwin)
        return st.st_mtimespec
        #else
        return st.st_mtim
        #endif
    }

    /// Three files of a, applied by b.
    static func threeFiles(_ lab: SyncLab) throws -> (a: Store, b: Store) {
        let a = try lab.store("a"), b = try lab.store("b")
        for i in 1...3 {
            try lab.put(a, UInt64(i), [("name", .text("Contact \(i)"))])
            try lab.sync(a)
        }
        return (a, b)
    }

    @Test func aQuietSyncReadsNoFileItCheckedBefore() throws {
        let lab = try SyncLab("notes-quiet")
        let (a, b) = try Self.threeFiles(lab)
        let (later, reads) = Self.watched(lab, later: 60)
        #expect(try lab.sync(b, folder: later).importedTotal == 3)
        #expect(reads.take().count == 3)
        for _ in 0..<2 {
            #expect(try lab.sync(b, folder: later).importedTotal == 0)
            #expect(reads.take() == [], "nothing changed: no file is opened")
        }
        try lab.expectConverged([a, b])
    }

    /// The notes of a file whose times are within the racy window of the moment it was listed (here
    /// in the future, as a network file system's clock ahead of this one's may give) never vouch
    /// for it: it is read again until a sync notes it outside the window.
    @Test func aFileNotedWithinTheRacyWindowIsReadAgain() throws {
        let lab = try SyncLab("notes-racy")
        let (a, b) = try Self.threeFiles(lab)
        let me = try a.device.hex
        let names = lab.changeFileNames(try a.device)
        #expect(names.count == 3)
        let soon = timespec(tv_sec: time(nil) + 30, tv_nsec: 0)
        for name in names { Self.setModified(lab.path("changes/\(me)/\(name)"), soon) }
        let (now, reads) = Self.watched(lab)
        #expect(try lab.sync(b, folder: now).importedTotal == 3)
        #expect(reads.take().count == 3)
        #expect(try lab.sync(b, folder: now).importedTotal == 0)
        #expect(reads.take().count == 3, "noted within the window: read again")
        let (later, laterReads) = Self.watched(lab, later: 120)
        try lab.sync(b, folder: later)
        #expect(laterReads.take().count == 3, "the notes of the last sync were racy still")
        try lab.sync(b, folder: later)
        #expect(laterReads.take() == [], "noted outside the window: trusted")
    }

    /// A file written in place at the same size, its modification time set back as a sync tool that
    /// keeps times does, is read again: its status-change time moved. Damaged now, it is no longer
    /// noted; made whole again, it is read and noted again.
    @Test func anInPlaceRewriteOfTheSameSizeIsReadAgain() throws {
        let lab = try SyncLab("notes-in-place")
        let (a, b) = try Self.threeFiles(lab)
        let (later, reads) = Self.watched(lab, later: 60)
        try lab.sync(b, folder: later)
        try lab.sync(b, folder: later)
        _ = reads.take()
        let relative = "changes/\(try a.device.hex)/2-2.tbc"
        let path = lab.path(relative)
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let kept = Self.modified(path)

        func writeInPlace(_ bytes: [UInt8]) throws {
            usleep(20_000)  // past the file system's timestamp tick
            let fd = open(path, O_WRONLY)
            #expect(fd >= 0)
            #expect(bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) } == bytes.count)
            close(fd)
            Self.setModified(path, kept)
        }
        var damaged = original
        damaged[damaged.count / 2] ^= 0x40
        try writeInPlace(damaged)
        #expect(try lab.sync(b, folder: later).importedTotal == 0)
        #expect(reads.take() == [relative], "only the rewritten file is read")
        #expect(!(try SnapshotBookkeepingTests.checkedFiles(b, of: a.device).contains(relative)), "a damaged file is no evidence")
        try writeInPlace(original)
        try lab.sync(b, folder: later)
        #expect(reads.take() == [relative])
        #expect(try SnapshotBookkeepingTests.checkedFiles(b, of: a.device).contains(relative))
        try lab.sync(b, folder: later)
        #expect(reads.take() == [])
    }

    /// The copy's own file is noted as published; the sync tool then writes the original's file of
    /// the same range into it, in place and at the same size, keeping its modification time: the
    /// copy reads it again and heals (issue 7).
    @Test func aCopyIsFoundWhenItsFileIsRewrittenInPlace() throws {
        let lab = try SyncLab("notes-in-place-copy", seed: 3)
        let a = try lab.store("a")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.sync(a)
        let a2 = try lab.copy(a, as: "a2")
        let (later, _) = Self.watched(lab, later: 60)
        try lab.put(a2, 2, [("name", .text("Bob on the copy"))])
        #expect(try lab.sync(a2, folder: later).published == 1)
        #expect(try lab.sync(a2, folder: later).identityClash == nil, "a quiet sync")

        let side = SharedFolder(path: try lab.temp.directory("a-replica").path)
        try lab.sync(a, folder: side)
        try lab.put(a, 3, [("name", .text("Bob on the orig"))])
        try lab.sync(a, folder: side)
        let name = "changes/\(try a.device.hex)/2-2.tbc"
        let theirs = [UInt8](try Data(contentsOf: URL(fileURLWithPath: side.path + "/" + name)))
        let path = lab.path(name)
        let ours = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        try #require(theirs.count == ours.count && theirs != ours, "two versions of one size")
        let kept = Self.modified(path)
        usleep(20_000)
        let fd = open(path, O_WRONLY)
        #expect(theirs.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) } == theirs.count)
        close(fd)
        Self.setModified(path, kept)

        let healed = try lab.sync(a2, folder: later)
        #expect(healed.healed.map(\.seq) == [2], "the rewritten content is read again: \(healed.healed)")
        try lab.syncAll([a2, a], rounds: 3)
        try lab.expectConverged([a, a2])
        #expect(try lab.names(a) == ["Ada", "Bob on the copy", "Bob on the orig"])
    }
}
