import Foundation
import Testing
@testable import TouchbaseInterop

@Suite("Malformed input")
struct MalformedInputTests {
    @Test func wrongCSVHeader() {
        let error = #expect(throws: InteropError.self) {
            try CSVImport.parse(text: "\n\nfoo,bar,baz\n1,2,3\n")
        }
        #expect(error == .unrecognizedCSVHeader(line: 3, header: "foo,bar,baz", hint: nil))
        let message = error?.errorDescription ?? ""
        #expect(message.contains("Line 3"))
        #expect(message.contains("LinkedIn"))
        #expect(CSVImport.detect(header: ["foo", "bar"]) == nil)
    }

    @Test func semicolonSeparatedCSVGetsAHint() {
        let error = #expect(throws: InteropError.self) {
            try CSVImport.parse(text: "First Name;Last Name;E-mail Address\nA;B;c@d.example\n")
        }
        #expect(error?.errorDescription?.contains("';' or tabs") == true)
    }

    @Test func vCardGivenToCSVImportGetsAHint() {
        let error = #expect(throws: InteropError.self) {
            try CSVImport.parse(text: VCardFixture.rfc40)
        }
        #expect(error?.errorDescription?.contains("vCard") == true)
    }

    @Test func wrongFormatRequested() {
        let error = #expect(throws: InteropError.unexpectedFormat(line: 1, found: .outlookCSV, expected: .linkedInCSV)) {
            try LinkedInCSV.parse(text: Fixture.outlook)
        }
        #expect(error?.errorDescription == "Line 1: this file is Outlook CSV, not LinkedIn Connections CSV.")
        #expect(throws: InteropError.unexpectedFormat(line: 1, found: .googleCSV, expected: .vCard)) {
            try CSVImport.parse(text: Fixture.googleCurrent, as: .vCard)
        }
    }

    @Test func binaryJunkWithNULBytes() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
        #expect(throws: InteropError.binaryContent(line: 3)) { try CSVImport.parse(bytes: png) }
        #expect(throws: InteropError.binaryContent(line: 3)) { try VCardReader.parse(data: Data(png)) }
        #expect(throws: InteropError.binaryContent(line: 2)) { try CSVImport.parse(text: "a,b\nc\u{0}d\n") }
    }

    @Test func invalidUTF8() {
        let latin1 = Array("First Name,Last Name,URL\nJos".utf8) + [0xE9] + Array(",X,https://www.linkedin.com/in/jx\n".utf8)
        let error = #expect(throws: InteropError.invalidUTF8(line: 2)) { try ContactImport.parse(bytes: latin1) }
        #expect(error?.errorDescription?.contains("UTF-8") == true)
        #expect(InteropText.firstInvalidUTF8Offset([0xED, 0xA0, 0x80]) == 0) // a UTF-16 surrogate
        #expect(InteropText.firstInvalidUTF8Offset([0xF0, 0x9F, 0x98]) == 0) // truncated
        #expect(InteropText.firstInvalidUTF8Offset(Array("héllo 😀".utf8)) == nil)
    }

    @Test func utf16WithByteOrderMarkIsAccepted() throws {
        let text = "First Name,Last Name,URL\r\nZoë,Ä,https://www.linkedin.com/in/zoe\r\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(try CSVImport.parse(bytes: bytes).cards.map(\.name) == ["Zoë Ä"])
    }

    @Test func unterminatedQuote() {
        let text = "First Name,Last Name,URL,Company\nAda,Lovelace,https://www.linkedin.com/in/ada,\"Analytical\nBob,Smith,https://www.linkedin.com/in/bob,Acme\n"
        let error = #expect(throws: InteropError.unterminatedQuote(line: 2)) { try CSVImport.parse(text: text) }
        #expect(error?.errorDescription?.contains("Line 2") == true)
    }

    @Test func emptyFiles() {
        #expect(throws: InteropError.emptyInput) { try CSVImport.parse(text: "") }
        #expect(throws: InteropError.emptyInput) { try CSVImport.parse(text: "\u{FEFF}\r\n\r\n") }
        #expect(throws: InteropError.emptyInput) { try VCardReader.parse(text: "\n\n") }
        #expect(throws: InteropError.emptyInput) { try VCardReader.parse(text: " \r\n\t\r\n") }
        #expect(throws: InteropError.emptyInput) { try ContactImport.parse(text: " \n") }
    }

    @Test func rowWithTooManyFieldsIsSkipped() throws {
        let text = "First Name,Last Name,URL\nA,B,https://www.linkedin.com/in/ab,extra\nC,D,https://www.linkedin.com/in/cd,,\n"
        let result = try CSVImport.parse(text: text)
        #expect(result.cards.map(\.name) == ["C D"])
        #expect(result.skipped.map(\.line) == [2])
    }

    @Test func vCardWithoutEnd() {
        let text = "BEGIN:VCARD\nVERSION:4.0\nFN:First\nBEGIN:VCARD\nFN:Second\nEND:VCARD\n"
        let error = #expect(throws: InteropError.missingVCardEnd(beginLine: 1, line: 4)) { try VCardReader.parse(text: text) }
        #expect(error?.errorDescription == "Line 4: the vCard begun on line 1 has no END:VCARD.")
        #expect(throws: InteropError.missingVCardEnd(beginLine: 3, line: 5)) {
            try VCardReader.parse(text: "BEGIN:VCARD\nEND:VCARD\nBEGIN:VCARD\nFN:Open\nNOTE:never closed\n")
        }
    }

    @Test func vCardEndWithoutBegin() {
        #expect(throws: InteropError.unexpectedVCardEnd(line: 4)) {
            try VCardReader.parse(text: "BEGIN:VCARD\nFN:A\nEND:VCARD\nEND:VCARD\n")
        }
    }

    @Test func notAVCard() {
        let error = #expect(throws: InteropError.self) { try VCardReader.parse(text: "\nFirst Name,Last Name\nA,B\n") }
        #expect(error == .notVCard(line: 2, found: "First Name,Last Name"))
        #expect(error?.line == 2)
    }

    @Test func contactImportSniffsTheFormat() throws {
        #expect(try ContactImport.detect(text: VCardFixture.rfc40) == .vCard)
        #expect(try ContactImport.detect(text: Fixture.linkedIn) == .linkedInCSV)
        #expect(try ContactImport.detect(text: Fixture.googleLegacy) == .googleLegacyCSV)
        #expect(try ContactImport.parse(text: "\n  \nbegin:vcard\nFN:x\nend:vcard").cards.count == 1)
        #expect(throws: InteropError.self) { try ContactImport.parse(text: "hello world\n") }
    }
}
