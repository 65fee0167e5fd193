import Testing
import TouchbaseExchange

/// A sync keeps one fingerprint per file of the folder as text
/// (`<size>:<modified>:<changed>:<inode>:<observed>`) and parses them all on every sync: the parse
/// gives back exactly what was written, and refuses anything else (the file is then read again).
/// A note vouches for a file only when nothing of its `stat` moved and it was not taken while the
/// file's times were within the racy window of the observation (Protocol/SPEC.md §3.4).
@Suite struct FileFingerprintTests {
    static let second: Int64 = 1_000_000_000
    static let then: Int64 = 1_767_603_600 * second

    @Test func theTextGivesBackTheFingerprint() {
        let prints = [
            FileFingerprint(size: 0, modified: 0, changed: 0, inode: 0, observed: 0),
            FileFingerprint(size: 1_234, modified: 1_767_603_600_123_456_789, changed: 1_767_603_601_000_000_001, inode: 98_765, observed: 1_767_603_700_000_000_000),
            FileFingerprint(size: .max, modified: .min, changed: .max, inode: .max, observed: .min),
            FileFingerprint(size: 7, modified: -5, changed: -6, inode: 1, observed: -7),
        ]
        for p in prints { #expect(FileFingerprint(Substring(p.description)) == p, "\(p)") }
        #expect(FileFingerprint("12:34:35:56:99") == FileFingerprint(size: 12, modified: 34, changed: 35, inode: 56, observed: 99))
    }

    @Test func malformedTextIsRefused() {
        let bad = ["", "1:2:3:4", "1:2:3:4:5:6", ":2:3:4:5", "1::3:4:5", "1:2::4:5", "1:2:3::5", "1:2:3:4:", "x:2:3:4:5", "1:2:3:4:5x",
                   "18446744073709551616:2:3:4:5", "1:9223372036854775808:3:4:5", "1:-9223372036854775809:3:4:5", "1:--2:3:4:5",
                   "-1:2:3:4:5", "1:2:3:-4:5", "1:2-:3:4:5", " 1:2:3:4:5", "1:2:3:4:5 ", "1:+2:3:4:5",
                   // The form before the change time was kept (size, modified, inode, last 32 bytes).
                   "12:34:56:0a0b", "1234:1767603600123456789:98765:" + String(repeating: "ab", count: 32)]
        for text in bad { #expect(FileFingerprint(Substring(text)) == nil, "\(text)") }
        #expect(FileFingerprint("1:-9223372036854775808:3:4:5") == FileFingerprint(size: 1, modified: .min, changed: 3, inode: 4, observed: 5))
    }

    @Test func aTableOfNotesParsesLineByLine() {
        let a = FileFingerprint(size: 10, modified: 20, changed: 21, inode: 30, observed: 40)
        let b = FileFingerprint(size: 11, modified: 21, changed: 22, inode: 31, observed: 41)
        let text = "changes/d1/1-2.tbc \(a)\n\nchanges/d1/3-3.tbc \(b)\nbroken line here\nchanges/d1/4-4.tbc 1:2:3:x\nonly-a-path\n 1:2:3:4:5"
        #expect(FileFingerprint.table(text) == ["changes/d1/1-2.tbc": a, "changes/d1/3-3.tbc": b])
        #expect(FileFingerprint.table("").isEmpty)
        #expect(FileFingerprint.table(FileFingerprint.text(["changes/d1/1-2.tbc": a, "changes/d1/3-3.tbc": b])) == ["changes/d1/1-2.tbc": a, "changes/d1/3-3.tbc": b])
    }

    /// A note vouches for the same version observed later; any moved field, or a note taken while
    /// the file's times were within the window of its observation, does not.
    @Test func aNoteVouchesOnlyForAnUnchangedFileNotedOutsideTheRacyWindow() {
        let s = Self.second
        let note = FileFingerprint(size: 100, modified: Self.then, changed: Self.then + 1, inode: 7, observed: Self.then + 10 * s)
        var now = note
        now.observed = Self.then + 3_600 * s
        #expect(!note.isRacy)
        #expect(note.vouches(for: now))
        #expect(note.isSameVersion(as: now) && note != now, "the observation is not part of the version")
        for moved in [\FileFingerprint.modified, \.changed] {
            var other = now
            other[keyPath: moved] += 1
            #expect(!note.vouches(for: other), "\(moved)")
        }
        var grown = now
        grown.size += 1
        var replaced = now
        replaced.inode += 1
        #expect(!note.vouches(for: grown) && !note.vouches(for: replaced))

        // Noted within the window (of either time), or with times after the observation: racy.
        for (modified, changed) in [(Self.then + 9 * s, Self.then), (Self.then, Self.then + 8 * s + 1), (Self.then + 11 * s, Self.then + 11 * s)] {
            let racy = FileFingerprint(size: 100, modified: modified, changed: changed, inode: 7, observed: Self.then + 10 * s)
            var later = racy
            later.observed = Self.then + 3_600 * s
            #expect(racy.isRacy && !racy.vouches(for: later), "\(modified) \(changed)")
            #expect(!later.isRacy && later.vouches(for: racy), "observed again an hour later, the note vouches")
        }
        let edge = FileFingerprint(size: 1, modified: Self.then, changed: Self.then, inode: 1, observed: Self.then + FileFingerprint.racyWindow)
        #expect(edge.isRacy)
        #expect(!FileFingerprint(size: 1, modified: .min, changed: .min, inode: 1, observed: .min).vouches(for: FileFingerprint(size: 1, modified: .min, changed: .min, inode: 1, observed: 0)))
    }
}
