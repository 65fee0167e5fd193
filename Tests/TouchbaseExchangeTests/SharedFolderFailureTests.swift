import Foundation
import Testing
@testable import TouchbaseExchange
import TouchbaseCore

/// DESIGN.md §6, the failures that concern files: each is detected, reported, and nothing is deleted.
@Suite struct SharedFolderFailureTests {
    static let a = Sample.deviceA.hex

    @Test func unparseableNamesAreIgnoredAndNeverDeleted() throws {
        let t = try TestFolder()
        try t.folder.publish(Sample.changes(count: 3))
        let good = try t.read("changes/\(Self.a)/1-3.tbc")
        let junk = [
            "changes/\(Self.a)/1-3.sync-conflict-20240101-123456-ABCDEF.tbc",
            "changes/\(Self.a)/1-3 (conflicted copy).tbc",
            "changes/\(Self.a)/1-3 (Ada's conflicted copy 2024-01-01).tbc",
            "changes/\(Self.a)/.1-3.tbc.icloud",
            "changes/\(Self.a)/.~tmp",
            "changes/\(Self.a)/.syncthing.1-3.tbc.tmp",
            "changes/\(Self.a)/4-5.tbc.partial",
            "changes/\(Self.a)/4-5.tbc~",
            "changes/\(Self.a)/01-3.tbc",
            "changes/\(Self.a)/3-1.tbc",
            "changes/\(Self.a)/0-1.tbc",
            "changes/\(Self.a)/1-99999999999999999999999.tbc",
            "changes/\(Self.a)/1-3.TBC",
            "changes/\(Self.a)/-1-3.tbc",
            "changes/\(Self.a)/1-3.tbc.bak",
            "changes/\(Self.a.uppercased())/1-1.tbc",
            "changes/\(Self.a.dropLast())/1-1.tbc",
            "changes/..\\..\\etc\\1-1.tbc",
            "changes/loose.tbc",
            "acks/\(Self.a).tba.bak",
            "acks/\(Self.a) (conflicted copy).tba",
            "acks/..\\\(Self.a).tba",
            "devices/\(Self.a).tbd~",
            "snapshots/\(Self.a)/5-abc.tbs",
            "random.txt",
            ".stfolder/marker",
            "touchbase-folder.key.sync-conflict-20240101-123456-ABCDEF",
        ]
        for path in junk { try t.write(path, good) }
        let outside = try TestFolder("outside")
        try outside.write("secret.tbc", good)
        try FileManager.default.createSymbolicLink(atPath: t.path + "/changes/\(Self.a)/6-6.tbc", withDestinationPath: outside.path + "/secret.tbc")
        try FileManager.default.createSymbolicLink(atPath: t.path + "/changes/\(Sample.deviceB.hex)", withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: t.path + "/acks/\(Sample.deviceB.hex).tba", withDestinationPath: "../../../../etc/passwd")

        let scan = try t.folder.scan()
        #expect(scan.changeFiles == [ChangeFileEntry(device: Sample.deviceA, first: 1, last: 3)])
        #expect(scan.acks.isEmpty)
        #expect(scan.snapshots.isEmpty)
        let ignored = Set(scan.ignored.map(\.relativePath))
        for path in junk {
            // Listed itself, or under a folder that is listed (an invalid device folder).
            #expect(ignored.contains { path == $0 || path.hasPrefix($0 + "/") }, "\(path) not listed as ignored")
        }
        #expect(ignored.contains("changes/\(Self.a)/6-6.tbc"))
        #expect(ignored.contains("changes/\(Sample.deviceB.hex)"))
        #expect(scan.ignored.first { $0.relativePath == "changes/\(Self.a)/6-6.tbc" }?.reason.contains("symbolic link") == true)
        #expect(scan.ignored.first { $0.relativePath.contains("sync-conflict") }?.reason.contains("conflict copy") == true)

        // Asking for the names behind the symbolic links reads nothing outside the folder.
        #expect(throws: ExchangeError.self) { try t.folder.readChanges(ChangeFileEntry(device: Sample.deviceA, first: 6, last: 6)) }
        #expect(throws: ExchangeError.self) { try t.folder.readChanges(ChangeFileEntry(device: Sample.deviceB, first: 1, last: 3)) }
        #expect(throws: ExchangeError.self) { try t.folder.readAck(of: Sample.deviceB) }
        // Nothing was deleted.
        for path in junk { #expect(t.exists(path), "\(path) was deleted") }
        #expect(FileManager.default.fileExists(atPath: outside.path + "/secret.tbc"))
    }

    @Test func damagedFilesAreReportedAsStillArrivingAndKept() throws {
        let t = try TestFolder()
        let good = ExchangeFile.seal(kind: .changes, device: Sample.deviceA, first: 1, last: 3,
                                     payload: ChangeCodec.encode(Sample.changes(count: 3)), key: nil, signer: Sample.key(Sample.deviceA))
        var flipped = good
        flipped[good.count / 2] ^= 0x20
        var newer = good
        newer[8] = ExchangeHeader.currentMajor + 1
        let bomb = Zlib.compress([UInt8](repeating: 0, count: 20_000_000))
        var bombHeader = ExchangeHeader(kind: .changes, flags: ExchangeHeader.compressedFlag, device: Sample.deviceA, first: 1, last: 3,
                                        payloadLength: 50_000, storedLength: UInt64(bomb.count), keyID: 0)
        let inflatingBomb = ExchangeFile.frame(header: bombHeader.encoded, stored: bomb, signature: Array(repeating: 0, count: 64))
        bombHeader.payloadLength = 1 << 50
        let claimingBomb = ExchangeFile.frame(header: bombHeader.encoded, stored: bomb)
        var hugeHeader = try ExchangeHeader.parse(good)
        hugeHeader.storedLength = UInt64.max - 100
        let cases: [(String, [UInt8], ExchangeError.Code)] = [
            ("zero-length", [], .truncated),
            ("partial", Array(good.prefix(good.count - 10)), .truncated),
            ("header only", Array(good.prefix(30)), .truncated),
            ("bit-flipped", flipped, .checksumMismatch),
            ("grown", good + [0, 0], .lengthMismatch),
            ("inflating bomb", inflatingBomb, .decompressionFailed),
            ("claiming bomb", claimingBomb, .tooLarge),
            ("huge declared length", ExchangeFile.frame(header: hugeHeader.encoded, stored: []), .tooLarge),
            ("garbage", Array("this is not a touchbase file at all".utf8), .badMagic),
            ("newer format", newer, .newerMajorVersion),
        ]
        for (n, (label, bytes, code)) in cases.enumerated() {
            let entry = ChangeFileEntry(device: Sample.deviceA, first: UInt64(n * 10 + 1), last: UInt64(n * 10 + 3))
            // Name and header agree for the cases where that matters.
            var content = bytes
            if content.count >= 48, code != .badMagic {
                var h = content
                for i in 0..<8 { h[32 + i] = UInt8(truncatingIfNeeded: entry.first >> (56 - 8 * UInt64(i))) }
                for i in 0..<8 { h[40 + i] = UInt8(truncatingIfNeeded: entry.last >> (56 - 8 * UInt64(i))) }
                if code == .checksumMismatch || code == .lengthMismatch || code == .newerMajorVersion {
                    content = h   // the checksum is wrong anyway or not reached
                } else if let parsed = try? ExchangeHeader.parse(h), parsed.headerLength + parsed.trailerLength <= h.count {
                    let signatureStart = h.count - parsed.trailerLength
                    content = ExchangeFile.frame(header: Array(h.prefix(parsed.headerLength)), stored: Array(h[parsed.headerLength..<signatureStart]),
                                                 signature: Array(h[signatureStart..<(h.count - 32)]))
                }
            }
            try t.write(entry.relativePath, content)
            let error = expectError(code) { try t.folder.readChanges(entry) }
            #expect(error?.file == entry.relativePath, "\(label)")
            #expect(error?.isStillArrivingOrDamaged == (code != .newerMajorVersion), "\(label)")
            #expect(t.exists(entry.relativePath), "\(label) was deleted")
        }
        #expect(try t.folder.scan().changeFiles.count == cases.count)
    }

    @Test func aFileUnderTheWrongNameIsRejected() throws {
        let t = try TestFolder()
        try t.folder.publish(Sample.changes(count: 3))
        let bytes = try t.read("changes/\(Self.a)/1-3.tbc")
        try t.write("changes/\(Self.a)/4-6.tbc", bytes)
        try t.write("changes/\(Sample.deviceB.hex)/1-3.tbc", bytes)
        try t.write("acks/\(Self.a).tba", bytes)
        expectError(.nameMismatch) { try t.folder.readChanges(ChangeFileEntry(device: Sample.deviceA, first: 4, last: 6)) }
        expectError(.nameMismatch) { try t.folder.readChanges(ChangeFileEntry(device: Sample.deviceB, first: 1, last: 3)) }
        expectError(.nameMismatch) { try t.folder.readAck(of: Sample.deviceA) }
    }

    @Test func theSameFileDeliveredTwiceIsHarmless() throws {
        let t = try TestFolder()
        let changes = Sample.changes(count: 3)
        try t.folder.publish(changes)
        let bytes = try t.read("changes/\(Self.a)/1-3.tbc")
        try t.write("changes/\(Self.a)/1-3.sync-conflict-20240101-123456-ABCDEF.tbc", bytes)
        // A writer that crashed after publishing 1-3 publishes an overlapping 1-5 later.
        try t.folder.publish(changes + Sample.changes(first: 4, count: 2))
        let scan = try t.folder.scan()
        #expect(scan.ranges(of: Sample.deviceA) == [1...3, 1...5])
        #expect(scan.ignored.count == 1)
        #expect(try scan.changeFiles.flatMap { try t.folder.readChanges($0) }.count == 8)
    }

    @Test func aPipeUnderAFileNameDoesNotBlockTheReader() throws {
        let t = try TestFolder()
        try t.folder.publish(Sample.changes(count: 1))
        #expect(mkfifo(t.path + "/changes/\(Self.a)/2-2.tbc", 0o644) == 0)
        #expect(try t.folder.scan().ignored.map(\.relativePath) == ["changes/\(Self.a)/2-2.tbc"])
        expectError(.readFailed) { try t.folder.readChanges(ChangeFileEntry(device: Sample.deviceA, first: 2, last: 2)) }
    }

    @Test func hugeFilesAreNotReadAtAll() throws {
        let t = try TestFolder()
        let limits = ExchangeLimits(maxChangesPayload: 1000, storedSlack: 100)
        try t.write("changes/\(Self.a)/1-1.tbc", [UInt8](repeating: 0x89, count: 10_000))
        expectError(.tooLarge) { try SharedFolder(path: t.path, limits: limits).readChanges(ChangeFileEntry(device: Sample.deviceA, first: 1, last: 1)) }
    }
}
