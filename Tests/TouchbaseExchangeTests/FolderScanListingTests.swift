import Foundation
import Testing
@testable import TouchbaseExchange
import TouchbaseCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A scan sums up what it listed (Protocol/SPEC.md §3.4, "Content, not names"): two scans of an
/// unchanged folder give one digest; any file added, removed, renamed, written in place or replaced
/// under its name gives another; and a listing taken within the racy window of a file's last write
/// says so. Names of changes files are parsed on their bytes, by the same rule as on text.
@Suite struct FolderScanListingTests {
    /// A folder with files of two devices, an ack and a card, all written `age` seconds ago.
    static func folder(age: Int = 60) throws -> (TestFolder, SharedFolder) {
        let t = try TestFolder("listing")
        let folder = t.folder
        try folder.publish(Sample.changes(first: 1, count: 2))
        try folder.publish(Sample.changes(first: 3, count: 1))
        try t.folder(signedBy: Sample.deviceB).publish(Sample.changes(Sample.deviceB, first: 1, count: 1))
        try folder.writeAck(Ack(device: Sample.deviceA, applied: VersionVector(), writtenAt: 1))
        try folder.writeDeviceCard(DeviceCard(device: Sample.deviceA, name: "a", createdAt: 1))
        for path in t.allPaths() { setTimes(t.path + "/" + path, ago: age) }
        return (t, folder)
    }

    /// Sets a file's modification time `seconds` back (its status-change time moves to now).
    static func setTimes(_ path: String, ago seconds: Int) {
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return }
        let then = timespec(tv_sec: time(nil) - seconds, tv_nsec: 0)
        var times = [then, then]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
    }

    /// A scan observed `seconds` after now (past the racy window of every write).
    static func scan(_ folder: SharedFolder, later seconds: Int64 = 60) throws -> FolderScan {
        var f = folder
        f.observationOffset = seconds * 1_000_000_000
        return try f.scan()
    }

    @Test func anUnchangedFolderListsTheSameAndAnyChangeShows() throws {
        let (t, folder) = try Self.folder()
        let before = try Self.scan(folder)
        #expect(!before.listing.isRacy)
        #expect(try Self.scan(folder).listing.digest == before.listing.digest, "nothing changed")
        let a = before.changeFiles.filter { $0.device == Sample.deviceA }
        #expect(before.listingDigest(of: a) != nil)
        #expect(before.listingDigest(of: a) != before.listingDigest(of: Array(a.reversed())), "the order is part of it")
        #expect(before.listingDigest(of: a + [ChangeFileEntry(device: Sample.deviceA, first: 9, last: 9)]) == nil, "not listed")

        // Written in place at the same size, the modification time set back: the change time moved.
        let path = "changes/\(Sample.deviceA.hex)/3-3.tbc"
        var bytes = try t.read(path)
        bytes[bytes.count / 2] ^= 1
        usleep(20_000)
        let fd = open(t.path + "/" + path, O_WRONLY)
        #expect(bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) } == bytes.count)
        close(fd)
        Self.setTimes(t.path + "/" + path, ago: 60)
        let rewritten = try Self.scan(folder)
        #expect(rewritten.listing.digest != before.listing.digest)
        #expect(rewritten.listingDigest(of: a) != before.listingDigest(of: a))
        let b = before.changeFiles.filter { $0.device == Sample.deviceB }
        #expect(rewritten.listingDigest(of: b) == before.listingDigest(of: b), "the other device's files did not change")

        // An ignored name, a removed file, a rewritten ack: each shows.
        try t.write("changes/\(Sample.deviceB.hex)/1-1.tbc.sync-conflict-1", [1])
        let ignored = try Self.scan(folder)
        #expect(ignored.listing.digest != rewritten.listing.digest)
        try FileManager.default.removeItem(atPath: t.path + "/changes/\(Sample.deviceB.hex)/1-1.tbc.sync-conflict-1")
        #expect(try Self.scan(folder).listing.digest == rewritten.listing.digest, "back as it was")
        try folder.writeAck(Ack(device: Sample.deviceA, applied: VersionVector(), writtenAt: 2))
        #expect(try Self.scan(folder).listing.digest != rewritten.listing.digest, "the ack was replaced")
    }

    /// Files written just now are within the racy window of a scan taken now; a scan taken a minute
    /// later is past it.
    @Test func aListingTakenRightAfterAWriteIsRacy() throws {
        let (t, folder) = try Self.folder(age: 0)
        #expect(try Self.scan(folder, later: 0).listing.isRacy)
        #expect(try !Self.scan(folder, later: 60).listing.isRacy)
        withExtendedLifetime(t) {}
    }

    @Test func changeFileNamesParseOnBytesAsOnText() {
        let d = Sample.deviceA
        var names = ["1-1.tbc", "1-2.tbc", "12-345.tbc", "1-2.2.tbc", "1-2.10.tbc", "1-2.1.tbc", "1-2.0.tbc", "1-2.02.tbc",
                     "0-1.tbc", "2-1.tbc", "01-2.tbc", "1-02.tbc", "1-2.tbc.tbc", "1-2-3.tbc", "1--2.tbc", "-1-2.tbc", "1-.tbc",
                     "-2.tbc", "1-2..tbc", "1-2.3.4.tbc", ".tbc", "tbc", "1-2.tb", "1-2.TBC", "1-2.tbcx", "1-2 .tbc", " 1-2.tbc",
                     "1-18446744073709551615.tbc", "1-18446744073709551616.tbc", "1-99999999999999999999.tbc",
                     "1-2.18446744073709551616.tbc", "1-2.x.tbc", "1-2.tbc\u{301}", "1\u{661}-2.tbc", "1-2.2.tbc.partial", "", "1-2."]
        var g = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789-.tbcx")
        for _ in 0..<2_000 {
            let n = Int.random(in: 1...12, using: &g)
            names.append(String((0..<n).map { _ in alphabet.randomElement(using: &g)! }) + (Bool.random(using: &g) ? ".tbc" : ""))
        }
        for name in names {
            let bytes = Array(name.utf8)
            let onBytes = bytes.withUnsafeBufferPointer { FolderEntry.changeFile(device: d, bytes: $0) }
            #expect(onBytes == FolderEntry.changeFile(device: d, text: name), "\(name)")
            #expect(FolderEntry.changeFile(device: d, name: name) == onBytes, "\(name)")
        }
        #expect(FolderEntry.changeFile(device: d, name: "3-7.4.tbc") == ChangeFileEntry(device: d, first: 3, last: 7, edition: 4))
    }
}
