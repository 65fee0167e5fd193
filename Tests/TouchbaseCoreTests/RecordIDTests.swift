import Testing
import TouchbaseCore

@Suite struct RecordIDTests {
    @Test func derivedIsDeterministic() {
        #expect(RecordID.derived("tag", "mentors") == RecordID.derived("tag", "mentors"))
        #expect(RecordID.derived("tag", "mentors") != RecordID.derived("tag", "Mentors"))
        #expect(RecordID.derived("tag", "mentors") != RecordID.derived("setting", "mentors"))
    }

    @Test("The kind and the key are separated: no concatenation collisions")
    func separator() {
        #expect(RecordID.derived("ab", "c") != RecordID.derived("a", "bc"))
        #expect(RecordID.derived("", "x") != RecordID.derived("x", ""))
    }

    /// Pinned: the first 128 bits of SHA-256("touchbase:" + kind + NUL + key), computed with
    /// `printf 'touchbase:tag\0mentors' | sha256sum`. A change here changes every derived id on
    /// disk and breaks deduplication across versions.
    @Test func derivationIsPinned() {
        #expect(RecordID.derived("tag", "mentors").hex == "1e8a1ef79592847b5abcc95c6b51d8e6")
        #expect(RecordID.derived("setting", "dailyTarget").hex == "ba0f90728b6b846ebb4bd6205959e5d1")
        #expect(RecordID.derived("tag", "café").hex == "72d8459f47b7faa50c3becb7d77e6b4c")
    }
}
