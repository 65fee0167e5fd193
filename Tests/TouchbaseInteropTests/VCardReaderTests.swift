import Testing
import TouchbaseCore
@testable import TouchbaseInterop

@Suite("vCard reader")
struct VCardReaderTests {
    @Test func apple30Card() throws {
        let result = try VCardReader.parse(text: VCardFixture.apple30)
        #expect(result.format == .vCard)
        #expect(result.cards.count == 3)
        #expect(result.cards[0] == ContactCard(
            name: "Margaret Hamilton", givenName: "Margaret", familyName: "Hamilton",
            organization: "MIT Instrumentation Laboratory", role: "Director of Software Engineering",
            emails: ["margaret@mit.example", "MH@Home.example"],
            phones: ["+1 (617) 555-0199", "617-555-0142"],
            linkedinURL: "https://www.linkedin.com/in/margaret-hamilton",
            urls: ["http://apollo.example/guidance"],
            location: "Cambridge, MA, USA",
            notes: "Wrote the Apollo guidance software, and led the team.\nAsk about: priority displays; error recovery. Offer: intro to the lunar module folks.",
            birthday: CalendarDate(year: 1936, month: 8, day: 17),
            tags: ["Mentors", "Space, Aerospace"],
            uid: "6F1E2E2A-7F5D-4C1B-9A63-2A5B0D1E7C44:ABPerson",
            sourceLine: 1))
        #expect(result.skipped.isEmpty)
        #expect(result.warnings.isEmpty)
    }

    @Test func nameFromNWhenFNMissing() throws {
        let result = try VCardReader.parse(text: VCardFixture.apple30)
        #expect(result.cards[1] == ContactCard(
            name: "Mary Shaw", givenName: "Mary", familyName: "Shaw", emails: ["mary.shaw@cmu.example"],
            birthday: CalendarDate(year: nil, month: 4, day: 12), stage: "pending", cadenceDays: 30, sourceLine: 28))
    }

    @Test func quotedPrintable() throws {
        let result = try VCardReader.parse(text: VCardFixture.apple30)
        #expect(result.cards[2] == ContactCard(
            name: "Jürgen Müller", givenName: "Jürgen", familyName: "Müller", phones: ["+49 30 1234567"],
            notes: "Erste Zeile\nZweite Zeile, sehr lang und geht hier weiter",
            birthday: CalendarDate(year: 1980, month: 2, day: 29), sourceLine: 36))
    }

    @Test func lfOnlyGivesTheSameCards() throws {
        #expect(try VCardReader.parse(text: VCardFixture.apple30LF) == VCardReader.parse(text: VCardFixture.apple30))
    }

    @Test func rfc40Card() throws {
        let result = try VCardReader.parse(text: VCardFixture.rfc40)
        #expect(result.cards == [ContactCard(
            name: "J. Doe", givenName: "J.", familyName: "Doe", organization: "Example.com Inc.",
            role: "Imaginary test person", emails: ["jdoe@example.com"], phones: ["+1-555-555-5555"],
            linkedinURL: "https://www.linkedin.com/in/jdoe", location: "Springfield, IL, USA",
            notes: "Met at the \"Open Source\" meetup", birthday: CalendarDate(year: nil, month: 4, day: 12),
            tags: ["Friends", "Prospects"], id: "4fbe89710bc3424c9c2636c3e1eff6b1",
            voter: "swing", ask: "Intro to the platform team", offer: "Review their conference talk",
            source: "Meetup", hubs: ["Open Source Berlin", "Rust Meetup"], sourceLine: 1)])
    }

    @Test(arguments: [
        ("19850412", CalendarDate(year: 1985, month: 4, day: 12)),
        ("1985-04-12", CalendarDate(year: 1985, month: 4, day: 12)),
        ("--0412", CalendarDate(year: nil, month: 4, day: 12)),
        ("--04-12", CalendarDate(year: nil, month: 4, day: 12)),
        ("1985-04-12T00:00:00Z", CalendarDate(year: 1985, month: 4, day: 12)),
        ("19850412T000000", CalendarDate(year: 1985, month: 4, day: 12)),
    ])
    func birthdayForms(text: String, expected: CalendarDate?) throws {
        let card = "BEGIN:VCARD\nVERSION:3.0\nFN:X\nBDAY:\(text)\nEND:VCARD\n"
        #expect(try VCardReader.parse(text: card).cards.first?.birthday == expected)
    }

    @Test func unreadableBirthdayIsAWarning() throws {
        let result = try VCardReader.parse(text: "BEGIN:VCARD\nFN:X\nBDAY;VALUE=text:circa 1800\nEND:VCARD")
        #expect(result.cards.first?.birthday == nil)
        #expect(result.warnings.map(\.line) == [3])
    }

    @Test func cardWithoutAnythingIsSkipped() throws {
        let result = try VCardReader.parse(text: "BEGIN:VCARD\nVERSION:4.0\nNOTE:nothing else\nEND:VCARD\nBEGIN:VCARD\nEMAIL:only@example.com\nEND:VCARD\n")
        #expect(result.skipped == [ImportResult.Skip(line: 1, reason: "the vCard has no name, organization, email or phone")])
        #expect(result.cards.map(\.name) == ["only@example.com"])
        #expect(result.cards.first?.sourceLine == 5)
    }

    @Test func malformedLinesAndStrayTextAreWarnings() throws {
        let text = "BEGIN:VCARD\nFN:A\nthis is junk\nEND:VCARD\nstray\nBEGIN:VCARD\nFN:B\nEND:VCARD\n"
        let result = try VCardReader.parse(text: text)
        #expect(result.cards.map(\.name) == ["A", "B"])
        #expect(result.warnings.map(\.line) == [3, 5])
    }

    @Test func propertyParsing() throws {
        let line = VCardLine(text: #"item2.ADR;TYPE=work,pref;LABEL="a: b; c, d";x-flag:;;street;town"#, line: 7)
        let p = try #require(VCardProperty(line))
        #expect(p.group == "item2")
        #expect(p.name == "ADR")
        #expect(p.types == ["work", "pref", "x-flag"]) // a 2.1-style bare parameter counts as a type
        #expect(p.parameter("LABEL") == "a: b; c, d")
        #expect(p.parameters["TYPE"] == ["work", "pref", "x-flag"])
        #expect(p.rawValue == ";;street;town")
        #expect(p.line == 7)
        #expect(VCardProperty(VCardLine(text: "no colon here", line: 1)) == nil)
    }

    @Test func unfolding() {
        let lines = VCardLine.unfold("A:one\r\n two\r\n\tthree\nB:x\r\n\r\nC;ENCODING=QUOTED-PRINTABLE:a=\r\nb=\r\n c\nD:d")
        #expect(lines == [
            VCardLine(text: "A:onetwothree", line: 1),
            VCardLine(text: "B:x", line: 4),
            VCardLine(text: "C;ENCODING=QUOTED-PRINTABLE:abc", line: 6),
            VCardLine(text: "D:d", line: 9),
        ])
    }

    @Test func escapes() {
        #expect(VCardText.unescape(#"a\,b\;c\nd\\e\:f"#) == "a,b;c\nd\\e:f")
        #expect(VCardText.split(#"one,two\,three"#, on: ",") == ["one", "two,three"])
        #expect(VCardText.escape("a,b;c\nd\\e") == #"a\,b\;c\nd\\e"#)
    }
}
