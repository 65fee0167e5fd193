import Testing
import TouchbaseCore
@testable import TouchbaseInterop

@Suite("Google Contacts CSV")
struct GoogleCSVTests {
    @Test func currentHeader() throws {
        let result = try CSVImport.parse(text: Fixture.googleCurrent)
        #expect(result.format == .googleCSV)
        #expect(result.cards.map(\.name) == ["Katherine Coleman Johnson", "someone@example.com", "Dorothy Vaughan", "Mary Jackson"])
        #expect(result.cards.map(\.sourceLine) == [2, 6, 7, 10])
        #expect(result.skipped.isEmpty) // the all-empty row is spreadsheet residue, not a record
        let katherine = result.cards[0]
        #expect(katherine == ContactCard(
            name: "Katherine Coleman Johnson", givenName: "Katherine", familyName: "Johnson",
            organization: "NASA Langley", role: "Research Mathematician",
            emails: ["kjohnson@nasa.example", "kj@home.example", "katherine@old.example"],
            phones: ["+1 757-555-0100", "757-555-0111"], // "+1 (757) 555 0100" is the same number
            linkedinURL: "https://www.linkedin.com/in/katherine-johnson",
            urls: ["https://kj.example"],
            location: "Hampton, VA, US",
            notes: "Orbital mechanics, trajectories.\nAsk: how she checked the IBM numbers.",
            birthday: CalendarDate(year: 1918, month: 8, day: 26),
            tags: ["Mentors"], sourceLine: 2))
    }

    @Test func labelsAndYearlessBirthday() throws {
        let result = try CSVImport.parse(text: Fixture.googleCurrent)
        let dorothy = try #require(result.cards.first { $0.givenName == "Dorothy" })
        #expect(dorothy.tags == ["Mentors", "coworkers"])
        #expect(dorothy.birthday == CalendarDate(year: nil, month: 9, day: 20))
        #expect(dorothy.location == "Hampton, Virginia") // from the formatted address
    }

    @Test func unreadableBirthdayIsAWarning() throws {
        let result = try CSVImport.parse(text: Fixture.googleCurrent)
        #expect(result.cards.last?.birthday == nil)
        #expect(result.warnings.map(\.line) == [10])
        #expect(result.warnings.first?.message.contains("April 9") == true)
    }

    @Test func legacyHeader() throws {
        let result = try CSVImport.parse(text: Fixture.googleLegacy)
        #expect(result.format == .googleLegacyCSV)
        #expect(result.cards == [
            ContactCard(
                name: "Annie Easley", givenName: "Annie", familyName: "Easley",
                organization: "NASA Glenn", role: "Computer Scientist",
                emails: ["annie@nasa.example"], phones: ["+1 216 555 0123"],
                linkedinURL: "https://www.linkedin.com/in/annieeasley",
                location: "Cleveland, OH", notes: "Centaur rocket software",
                birthday: CalendarDate(year: 1933, month: 4, day: 23),
                tags: ["NASA Alumni"], sourceLine: 2),
            ContactCard(
                name: "Christine Darden", givenName: "Christine", familyName: "Darden",
                location: "Hampton, Virginia", tags: ["Friends"], sourceLine: 4),
        ])
    }

    @Test func numberedGroupsBeyondOne() throws {
        let text = "First Name,E-mail 1 - Value,E-mail 12 - Value,E-mail 3 - Value,Phone 7 - Value\nZed,a@x.example,c@x.example,b@x.example,+44 20 7946 0000\n"
        let result = try GoogleCSV.parse(text: text)
        #expect(result.cards.first?.emails == ["a@x.example", "b@x.example", "c@x.example"])
        #expect(result.cards.first?.phones == ["+44 20 7946 0000"])
    }

    @Test func systemLabels() {
        #expect(GoogleCSV.labels("* myContacts ::: * starred ::: Work ::: * Family") == ["Work", "Family"])
        #expect(GoogleCSV.labels("* My Contacts ::: * Starred") == [])
        #expect(GoogleCSV.labels(nil) == [])
    }
}
