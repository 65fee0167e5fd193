import Foundation
import Testing
@testable import TouchbaseInterop

/// Unfolding must cost time in proportion to the file: a long value folded over thousands of
/// physical lines once took 42 s for 160 KB (each continuation rescanned the growing line).
@Suite("vCard unfolding cost")
struct VCardUnfoldCostTests {
    /// One card whose NOTE is `bytes` long, folded every 70 characters (RFC 6350 style), a
    /// quoted-printable NOTE of the same size with soft line breaks, and a property whose long
    /// parameter section is folded with every piece ending in `=` (each continuation once made
    /// the old code look for the `:` from the start of the joined line again).
    static func foldedCard(bytes: Int) -> String {
        // Not only ASCII: accents, CJK and emoji.
        let chunk = String(repeating: "Grüße 東京 😀 ", count: 6) + "xyz"
        let folds = bytes / chunk.utf8.count
        var text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Long Note\r\nNOTE:start"
        for _ in 0..<folds { text += "\r\n " + chunk }
        text += "\r\nX-NOTE;ENCODING=QUOTED-PRINTABLE:qp"
        for _ in 0..<folds { text += "=\r\n" + chunk }
        text += "\r\nX-PARAMS;X-A=1"
        for i in 0..<folds { text += "\r\n ;X-P\(i)=" }
        text += "\r\n :value\r\nEND:VCARD\r\n"
        return text
    }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// The CPU time this thread spends in `body`: unlike the wall clock, it does not grow while
    /// the thread waits for a core on a loaded machine, so the ratio below compares work done.
    static func threadCPUSeconds(_ body: () throws -> Void) rethrows -> Double {
        func now() -> Double {
            var ts = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
            return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        }
        let start = now()
        try body()
        return now() - start
    }

    @Test func unfoldedTextIsExact() throws {
        let lines = VCardLine.unfold(Self.foldedCard(bytes: 2_000))
        let note = try #require(lines.first { $0.text.hasPrefix("NOTE:") })
        let chunk = String(repeating: "Grüße 東京 😀 ", count: 6) + "xyz"
        #expect(note.text == "NOTE:start" + String(repeating: chunk, count: 2_000 / chunk.utf8.count))
        #expect(note.text.hasSuffix("😀 xyz"))
        let qp = try #require(lines.first { $0.text.hasPrefix("X-NOTE") })
        #expect(!qp.text.split(separator: ":", maxSplits: 1)[1].contains("="))  // every soft break removed
        #expect(qp.text.hasSuffix("xyz"))
        let params = try #require(lines.first { $0.text.hasPrefix("X-PARAMS") })
        #expect(params.text.hasSuffix("=:value"))
        #expect(lines.last?.text == "END:VCARD")
    }

    /// Quadratic unfolding shows as a ratio near 16 between 4× the size; linear as about 4.
    /// Comparing two sizes in the same run, in this thread's CPU time, keeps the test meaningful
    /// on a loaded machine.
    @Test func unfoldingIsLinearInTheFileSize() throws {
        let small = Self.foldedCard(bytes: 100_000)
        let large = Self.foldedCard(bytes: 400_000)
        _ = VCardLine.unfold(small)  // warm up
        // The best of five runs of each, so a burst of load on the machine does not decide.
        let tSmall = (0..<5).map { _ in Self.threadCPUSeconds { _ = VCardLine.unfold(small) } }.min()!
        let tLarge = (0..<5).map { _ in Self.threadCPUSeconds { _ = VCardLine.unfold(large) } }.min()!
        let ratio = tLarge / max(tSmall, 1e-4)
        #expect(ratio < 9, "unfolding 4× the text took \(ratio)× the time (\(tSmall) s, \(tLarge) s)")
        #expect(tLarge < 10, "unfolding \(large.utf8.count) bytes took \(tLarge) s")
    }

    @Test func readingALargeFoldedCardIsFast() throws {
        let text = Self.foldedCard(bytes: 400_000)
        let t = try Self.seconds {
            let result = try VCardReader.parse(text: text)
            #expect(result.cards.count == 1)
            #expect((result.cards.first?.notes?.utf8.count ?? 0) > 390_000)
        }
        #expect(t < 10, "reading an \(text.utf8.count)-byte folded vCard took \(t) s")
    }
}
