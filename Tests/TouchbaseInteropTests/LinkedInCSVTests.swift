import Testing
import TouchbaseCore
@testable import TouchbaseInterop

@Suite("LinkedIn Connections.csv")
struct LinkedInCSVTests {
    let result: ImportResult

    init() throws {
        result = try CSVImport.parse(text: Fixture.linkedIn)
    }

    @Test func detectsFormatAfterNotesPreamble() throws {
        #expect(result.format == .linkedInCSV)
        let detected = try CSVImport.detect(text: Fixture.linkedIn)
        #expect(detected.format == .linkedInCSV)
        #expect(detected.headerLine == 5)
    }

    @Test func readsRowsWithPhysicalLineNumbers() {
        #expect(result.cards.map(\.name) == ["Ada Lovelace", "Grace Hopper", "Jürgen Müller", "Alan Turing", "Cher"])
        #expect(result.cards.map(\.sourceLine) == [6, 7, 9, 10, 12])
    }

    @Test func mapsColumns() throws {
        let ada = try #require(result.cards.first)
        #expect(ada == ContactCard(
            name: "Ada Lovelace", givenName: "Ada", familyName: "Lovelace",
            organization: "Analytical Engines Ltd", role: "Head of Research, Computing",
            emails: ["ada@analytical.example"],
            linkedinURL: "https://www.linkedin.com/in/ada-lovelace-1815",
            connectedOn: CalendarDate(year: 2024, month: 3, day: 12), sourceLine: 6))
    }

    @Test func handlesQuotedCommasAndDoubledQuotes() throws {
        let jurgen = try #require(result.cards.first { $0.givenName == "Jürgen" })
        #expect(jurgen.organization == "Müller & Söhne, GmbH")
        #expect(jurgen.role == "CTO \"Chief\" Tinkerer")
        #expect(jurgen.emails.isEmpty)
    }

    @Test func normalizesProfileURLs() {
        #expect(result.cards.map(\.linkedinURL) == [
            "https://www.linkedin.com/in/ada-lovelace-1815",
            "https://www.linkedin.com/in/gracehopper",
            "https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller",
            "https://www.linkedin.com/in/alanturing",
            "https://www.linkedin.com/in/cher",
        ])
    }

    @Test func skipsRowsWithoutNames() {
        #expect(result.skipped.map(\.line) == [8, 11])
        #expect(result.skipped.allSatisfy { $0.reason.contains("no first or last name") })
    }

    @Test func connectedOnDates() {
        let dates = result.cards.map(\.connectedOn)
        #expect(dates[1] == CalendarDate(year: 2023, month: 1, day: 5))
        #expect(dates[3] == nil) // 03/12/2024 is ambiguous
        #expect(dates[4] == CalendarDate(year: 2024, month: 3, day: 13)) // 13/03/2024 is not
        #expect(result.warnings.map(\.line) == [10])
        #expect(result.warnings.first?.message.contains("ambiguous") == true)
    }

    @Test func toleratesColumnOrderAndMissingEmail() throws {
        let text = "Connected On,Position,Company,URL,Last Name,First Name\n01 Jun 2020,Engineer,Acme,https://www.linkedin.com/in/x-y,Y,X\n"
        let parsed = try CSVImport.parse(text: text)
        #expect(parsed.format == .linkedInCSV)
        #expect(parsed.cards == [ContactCard(
            name: "X Y", givenName: "X", familyName: "Y", organization: "Acme", role: "Engineer",
            linkedinURL: "https://www.linkedin.com/in/x-y", connectedOn: CalendarDate(year: 2020, month: 6, day: 1),
            sourceLine: 2)])
    }

    @Test func rowWithoutURLIsKeptWithWarning() throws {
        let text = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nNo,Url,,n@u.example,,,\n"
        let parsed = try LinkedInCSV.parse(text: text)
        #expect(parsed.cards.map(\.name) == ["No Url"])
        #expect(parsed.cards.first?.linkedinURL == nil)
        #expect(parsed.warnings.map(\.line) == [2])
    }

    @Test func headerWithoutURLColumnIsAnError() {
        let text = "First Name,Last Name,Company,Connected On\nA,B,C,01 Jan 2020\n"
        #expect(throws: InteropError.missingColumns(format: .linkedInCSV, line: 1, columns: ["URL"])) {
            try CSVImport.parse(text: text)
        }
    }
}
