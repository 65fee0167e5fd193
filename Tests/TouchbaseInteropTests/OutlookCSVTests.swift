import Testing
import TouchbaseCore
@testable import TouchbaseInterop

@Suite("Outlook CSV")
struct OutlookCSVTests {
    @Test func readsExport() throws {
        let result = try CSVImport.parse(text: Fixture.outlook)
        #expect(result.format == .outlookCSV)
        #expect(result.cards.map(\.sourceLine) == [2, 4, 5])
        #expect(result.cards[0] == ContactCard(
            name: "Evelyn Boyd Granville PhD", givenName: "Evelyn", familyName: "Granville",
            organization: "IBM", role: "Mathematician",
            emails: ["evelyn@ibm.example", "eg@home.example"],
            phones: ["+1 (202) 555-0147", "202-555-0100", "202 555 0199"],
            linkedinURL: "https://www.linkedin.com/in/evelyn-granville",
            urls: ["https://evelyn.example"],
            location: "Washington, DC, United States",
            notes: "Project Mercury orbits; taught at Cal State LA.\nFollow up about \"Theory of Computing\" course.",
            birthday: CalendarDate(year: 1924, month: 5, day: 1),
            tags: ["Mentors", "Math"], sourceLine: 2))
    }

    @Test func exchangeAddressIsAWarning() throws {
        let result = try CSVImport.parse(text: Fixture.outlook)
        #expect(result.warnings.map(\.line) == [2])
        #expect(result.warnings.first?.message.contains("ExchangeLabs") == true)
    }

    @Test func zeroBirthdayMeansNoneAndDayFirstIsUnderstood() throws {
        let result = try CSVImport.parse(text: Fixture.outlook)
        #expect(result.cards[1].birthday == nil)
        #expect(result.cards[1].location == "Dahlgren, VA")
        #expect(result.cards[1].tags == ["GPS"])
        #expect(result.cards[2].birthday == CalendarDate(year: 1908, month: 8, day: 25))
    }
}
