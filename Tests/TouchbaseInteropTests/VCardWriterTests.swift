import Testing
import TouchbaseCore
@testable import TouchbaseInterop

@Suite("vCard writer")
struct VCardWriterTests {
    @Test func writesA40Card() {
        let card = ContactCard(
            name: "Ada Lovelace", givenName: "Ada", familyName: "Lovelace", organization: "Analytical; Engines",
            role: "Head, Research", emails: ["ada@example.com"], phones: ["+44 20 7946 0018"],
            linkedinURL: "https://www.linkedin.com/in/ada", urls: ["https://ada.example"], location: "London, UK",
            notes: "Line one\nLine two", birthday: CalendarDate(year: nil, month: 12, day: 10), tags: ["math", "a,b"],
            id: "0123456789abcdef0123456789abcdef", stage: "pending", voter: "set", ask: "Intro", offer: "Help",
            source: "Conference", cadenceDays: 21, hubs: ["London"])
        let text = VCardWriter.write(card)
        #expect(text == [
            "BEGIN:VCARD", "VERSION:4.0", "PRODID:-//Touchbase//Touchbase//EN",
            "UID:urn:uuid:01234567-89ab-cdef-0123-456789abcdef", "FN:Ada Lovelace", "N:Lovelace;Ada;;;",
            "ORG:Analytical\\; Engines", "TITLE:Head\\, Research", "EMAIL:ada@example.com", "TEL;VALUE=text:+44 20 7946 0018",
            "URL:https://www.linkedin.com/in/ada", "URL:https://ada.example", "ADR:;;;London\\, UK;;;",
            "NOTE:Line one\\nLine two", "BDAY:--1210", "CATEGORIES:math,a\\,b", "X-TOUCHBASE-ASK:Intro",
            "X-TOUCHBASE-OFFER:Help", "X-TOUCHBASE-STAGE:pending", "X-TOUCHBASE-VOTER:set",
            "X-TOUCHBASE-SOURCE:Conference", "X-TOUCHBASE-CADENCE:21", "X-TOUCHBASE-HUBS:London", "END:VCARD", "",
        ].joined(separator: "\r\n"))
    }

    @Test func birthdayWithYear() {
        #expect(VCardWriter.compact(CalendarDate(year: 1985, month: 4, day: 2)!) == "19850402")
        #expect(VCardWriter.compact(CalendarDate(year: nil, month: 4, day: 2)!) == "--0402")
    }

    @Test func foldsAt75OctetsWithoutSplittingUTF8() throws {
        let note = String(repeating: "Grüße aus Köln 😀 — ", count: 20)
        let text = VCardWriter.write(ContactCard(name: "Fold Test", notes: note))
        let bytes = Array(text.utf8)
        var lines: [[UInt8]] = [[]]
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A {
                lines.append([])
                i += 2
            } else {
                #expect(bytes[i] != 0x0A, "bare LF at byte \(i)")
                lines[lines.count - 1].append(bytes[i])
                i += 1
            }
        }
        #expect(lines.count > 10)
        for line in lines {
            #expect(line.count <= 75)
            #expect(InteropText.firstInvalidUTF8Offset(line) == nil, "a line splits a UTF-8 sequence")
        }
        #expect(try VCardReader.parse(text: text).cards.first?.notes == note.trimmingCharacters(in: .whitespaces))
    }
}
