import Foundation
import Testing
import TouchbaseCore
@testable import TouchbaseInterop

/// Reading a CSV file a chunk at a time gives exactly what reading it whole gave, wherever the
/// reads and the chunks cut it.
@Suite struct CSVImportStreamTests {
    static let touchbase = TouchbaseCSV.write(cards: [
        ContactCard(name: "Ada, Countess", emails: ["ada@example.com"], notes: "multi\r\nline \"quoted\"\rnote", id: "0123456789abcdef0123456789abcdef"),
        ContactCard(name: "=formula", phones: ["+1 555"], tags: ["a", "b"]),
        ContactCard(name: "Zoë 😀", organization: "张伟 Ltd", notes: "\n\nleading breaks"),
    ] + (0..<40).map { ContactCard(name: "Person \($0)", emails: ["p\($0)@example.com"]) }, byteOrderMark: true)

    static let texts: [String] = [
        Fixture.linkedIn, Fixture.linkedInLF, Fixture.googleCurrent, Fixture.googleLegacy, Fixture.outlook, touchbase,
        touchbase.replacingOccurrences(of: "\r\n", with: "\r"), "name,voter\nA,x\n\n\nB,y", "name,voter\r\n\"un\"\"even\" tail,x\r\nC,\"\"\r\n",
        "Notes:\n\"a preamble\nover lines\"\n\nFirst Name,Last Name,URL\nAda,L,https://www.linkedin.com/in/ada\n",
    ]

    static func streamed(_ text: String, readSize: Int, rows: Int) throws -> ImportResult {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tb-stream-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var stream = try CSVImportStream(path: url.path, expected: nil, readSize: readSize)
        var all = ImportResult(format: stream.format)
        while let chunk = try stream.next(rows: rows) {
            all.cards += chunk.cards
            all.skipped += chunk.skipped
            all.warnings += chunk.warnings
        }
        return all
    }

    @Test(arguments: [(1, 1), (3, 2), (7, 5), (64, 3), (1 << 20, 2_000)])
    func sameAsReadingWhole(readSize: Int, rows: Int) throws {
        for text in Self.texts {
            let whole = try CSVImport.parse(text: text)
            let streamed = try Self.streamed(text, readSize: readSize, rows: rows)
            #expect(streamed == whole, "\(text.prefix(60))")
        }
    }

    @Test func sameErrorsAsReadingWhole() throws {
        let bad: [String] = [
            "", "\n\n", "nothing,we,know\n1,2,3\n", "name,voter\nA,\"unterminated\nB,x\n", "First Name,Last Name\nA,B\n",
            "name,voter\nA,x\nB\u{0},y\n", "BEGIN:VCARD\nFN:x\nEND:VCARD\n",
        ]
        for text in bad {
            var wholeError: InteropError?
            do { _ = try CSVImport.parse(text: text) } catch { wholeError = error }
            var streamError: InteropError?
            do { _ = try Self.streamed(text, readSize: 2, rows: 1) } catch let e as InteropError { streamError = e }
            #expect(wholeError != nil)
            #expect(streamError == wholeError, "\(text.debugDescription)")
        }
    }

    @Test func invalidUTF8IsReportedWithItsLine() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tb-stream-\(UUID().uuidString).csv")
        try Data(Array("name,voter\nA,x\nB,".utf8) + [0xFF, 0x0A]).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: InteropError.invalidUTF8(line: 3)) {
            var stream = try CSVImportStream(path: url.path, expected: nil, readSize: 3)
            while try stream.next(rows: 1) != nil {}
        }
        // Past the header search too.
        try Data(Array(("name,voter\n" + String(repeating: "A,x\n", count: 40) + "B,").utf8) + [0xC3, 0x28, 0x0A]).write(to: url)
        var stream = try CSVImportStream(path: url.path, expected: nil, readSize: 5)
        #expect(throws: InteropError.invalidUTF8(line: 42)) { while try stream.next(rows: 3) != nil {} }
    }

    @Test func utf16FilesAreRead() throws {
        let text = "name,voter\r\nÅsa,x\r\n"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tb-stream-\(UUID().uuidString).csv")
        try ([0xFF, 0xFE] + Array(text.data(using: .utf16LittleEndian)!)).withUnsafeBufferPointer { try Data(buffer: $0).write(to: url) }
        defer { try? FileManager.default.removeItem(at: url) }
        var stream = try CSVImportStream(path: url.path)
        #expect(try stream.next()?.cards.map(\.name) == ["Åsa"])
    }
}
