import Testing
import TouchbaseExchange

/// A sync keeps one fingerprint per file of the folder as text (`<size>:<modified>:<inode>:<tail>`)
/// and parses them all on every sync: the parse gives back exactly what was written, and refuses
/// anything else (the file is then read again).
@Suite struct FileFingerprintTests {
    @Test func theTextGivesBackTheFingerprint() {
        let prints = [
            FileFingerprint(size: 0, modified: 0, inode: 0, tail: []),
            FileFingerprint(size: 1_234, modified: 1_767_603_600_123_456_789, inode: 98_765, tail: (0..<32).map { UInt8($0 * 8) }),
            FileFingerprint(size: .max, modified: .min, inode: .max, tail: [0xFF, 0x00, 0xA5]),
            FileFingerprint(size: 7, modified: -5, inode: 1, tail: [0x0F]),
        ]
        for p in prints { #expect(FileFingerprint(Substring(p.description)) == p, "\(p)") }
        #expect(FileFingerprint("12:34:56:0A0b") == FileFingerprint(size: 12, modified: 34, inode: 56, tail: [0x0A, 0x0B]))
    }

    @Test func malformedTextIsRefused() {
        let bad = ["", "1:2:3", "1:2:3:4:5", ":2:3:ab", "1::3:ab", "1:2::ab", "x:2:3:ab", "1:2:3:abc", "1:2:3:zz",
                   "18446744073709551616:2:3:ab", "1:9223372036854775808:3:ab", "1:-9223372036854775809:3:ab", "1:--2:3:ab",
                   "1:2:3:" + String(repeating: "ab", count: 33), " 1:2:3:ab", "1:2:3:ab ", "1:+2:3:ab"]
        for text in bad { #expect(FileFingerprint(Substring(text)) == nil, "\(text)") }
        #expect(FileFingerprint("1:-9223372036854775808:3:") == FileFingerprint(size: 1, modified: .min, inode: 3, tail: []))
    }

    @Test func aTableOfNotesParsesLineByLine() {
        let a = FileFingerprint(size: 10, modified: 20, inode: 30, tail: [1, 2])
        let b = FileFingerprint(size: 11, modified: 21, inode: 31, tail: [])
        let text = "changes/d1/1-2.tbc \(a)\n\nchanges/d1/3-3.tbc \(b)\nbroken line here\nchanges/d1/4-4.tbc 1:2:3:x\nonly-a-path"
        #expect(FileFingerprint.table(text) == ["changes/d1/1-2.tbc": a, "changes/d1/3-3.tbc": b])
        #expect(FileFingerprint.table("").isEmpty)
    }
}
