import Foundation
import Testing
import TouchbaseCore
@testable import TouchbaseExchange
import TouchbaseTestSupport

/// A scan of many changes files lists each once, in order (device, first, last, edition), with the
/// fingerprint of the file as it is on disk: whatever order the folders list their files in.
@Suite struct FolderScanOrderTests {
    @Test(arguments: [1, 2, 3, 4] as [UInt64]) func aScanListsEveryFileInOrderWithItsFingerprint(seed: UInt64) throws {
        let t = try TestFolder()
        var g = SeededGenerator(seed: seed)
        var expected: [ChangeFileEntry: Int] = [:]
        for d in 0..<UInt64.random(in: 2...6, using: &g) {
            let device = Fixtures.device(0x100 + d * 7919)
            let dir = t.path + "/changes/" + device.hex
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for _ in 0..<Int.random(in: 0...300, using: &g) {
                let first = UInt64.random(in: 1...400, using: &g), last = first + UInt64.random(in: 0...3, using: &g)
                let edition = Bool.random(using: &g) ? 1 : UInt64.random(in: 2...4, using: &g)
                let entry = ChangeFileEntry(device: device, first: first, last: last, edition: edition)
                let size = Int.random(in: 1...64, using: &g)
                try Data(repeating: 7, count: size).write(to: URL(fileURLWithPath: dir + "/" + entry.fileName))
                expected[entry] = size
            }
        }
        let scan = try t.folder.scan()
        #expect(scan.changeFiles == expected.keys.sorted(), "seed \(seed)")
        #expect(scan.prints.count == expected.count, "seed \(seed)")
        for (entry, size) in expected {
            var st = stat()
            #expect(lstat(t.path + "/" + entry.relativePath, &st) == 0)
            #expect(scan.prints[entry] == FileFingerprint(st, observed: scan.prints[entry]?.observed ?? 0), "\(entry), seed \(seed)")
            #expect(scan.prints[entry]?.size == UInt64(size), "\(entry), seed \(seed)")
        }
    }
}
