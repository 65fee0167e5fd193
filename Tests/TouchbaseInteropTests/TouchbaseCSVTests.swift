import Testing
import TouchbaseCore
@testable import TouchbaseInterop

@Suite("Touchbase CSV")
struct TouchbaseCSVTests {
    static let sample = ContactCard(
        name: "Ada Lovelace", organization: "Analytical Engines, Ltd", role: "Head of Research",
        emails: ["ada@analytical.example", "ada@home.example"], phones: ["+44 20 7946 0018"],
        linkedinURL: "https://www.linkedin.com/in/ada-lovelace-1815", location: "London, UK",
        notes: "First programmer.\nAsk about \"notes G\"; bring tea.", birthday: CalendarDate(year: nil, month: 12, day: 10),
        tags: ["mentor", "math"], id: "0123456789abcdef0123456789abcdef", stage: "pending", voter: "swing",
        ask: "Intro to Babbage", offer: "Proofread the translation", source: "LinkedIn", cadenceDays: 30,
        hubs: ["London Math Society", "Women in Tech"])

    @Test func writesHeaderAndRow() {
        let text = TouchbaseCSV.write([TouchbaseCSV.Row(
            card: Self.sample, lastTouch: CalendarDate(year: 2024, month: 3, day: 1),
            nextFollowUp: CalendarDate(year: 2024, month: 3, day: 31))])
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == "id,name,given_name,family_name,organization,role,emails,phones,linkedin,urls,location,stage,voter,ask,offer,source,cadence_days,birthday,connected_on,tags,hubs,notes,last_touch,next_follow_up")
        // `+44 …` and `--12-10` would be formulas in a spreadsheet: protected by a leading quote.
        #expect(lines[1] == "0123456789abcdef0123456789abcdef,Ada Lovelace,,,\"Analytical Engines, Ltd\",Head of Research,ada@analytical.example; ada@home.example,'+44 20 7946 0018,https://www.linkedin.com/in/ada-lovelace-1815,,\"London, UK\",pending,swing,Intro to Babbage,Proofread the translation,LinkedIn,30,'--12-10,,mentor; math,London Math Society; Women in Tech,\"First programmer.\nAsk about \"\"notes G\"\"; bring tea.\",2024-03-01,2024-03-31")
        #expect(lines.last == "")
    }

    @Test func byteOrderMarkOption() throws {
        let text = TouchbaseCSV.write(cards: [Self.sample], byteOrderMark: true)
        #expect(text.unicodeScalars.first == "\u{FEFF}")
        #expect(try CSVImport.parse(text: text).cards.count == 1)
    }

    @Test func readsBackIgnoringComputedColumns() throws {
        let text = TouchbaseCSV.write([TouchbaseCSV.Row(card: Self.sample, lastTouch: CalendarDate(year: 2024, month: 3, day: 1))])
        let result = try CSVImport.parse(text: text)
        #expect(result.format == .touchbaseCSV)
        #expect(result.cards == [ContactCard(
            name: Self.sample.name, organization: Self.sample.organization, role: Self.sample.role,
            emails: Self.sample.emails, phones: Self.sample.phones, linkedinURL: Self.sample.linkedinURL,
            location: Self.sample.location, notes: Self.sample.notes, birthday: Self.sample.birthday,
            tags: Self.sample.tags, id: Self.sample.id, stage: "pending", voter: "swing", ask: Self.sample.ask,
            offer: Self.sample.offer, source: "LinkedIn", cadenceDays: 30, hubs: Self.sample.hubs, sourceLine: 2)])
        #expect(result.skipped.isEmpty && result.warnings.isEmpty)
    }

    @Test func userEditedSpreadsheet() throws {
        let text = """
        name,id,emails,cadence_days,birthday,linkedin,notes
        New Person,,new@example.com;other@example.com ; ,14,1990-02-30,linkedin.com/in/New-Person/,
        Bad Id,not-an-id,,,,,
        ,0123456789abcdef0123456789abcdef,,,,,
        Dashed,01234567-89AB-CDEF-0123-456789ABCDEF,,weekly,,https://example.com/me,
        """
        let result = try TouchbaseCSV.parse(text: text)
        #expect(result.cards.map(\.name) == ["New Person", "Dashed"])
        #expect(result.cards[0].emails == ["new@example.com", "other@example.com"])
        #expect(result.cards[0].cadenceDays == 14)
        #expect(result.cards[0].birthday == nil)
        #expect(result.cards[0].linkedinURL == "https://www.linkedin.com/in/new-person")
        #expect(result.cards[0].id == nil)
        #expect(result.cards[1].id == "0123456789abcdef0123456789abcdef")
        #expect(result.cards[1].urls == ["https://example.com/me"])
        #expect(result.skipped.map(\.line) == [3, 4])
        #expect(result.skipped[0].reason.contains("not-an-id"))
        #expect(result.warnings.map(\.line) == [2, 5, 5])
    }
}

@Suite("CSV formula injection")
struct CSVFormulaInjectionTests {
    static let risky = ContactCard(
        name: "=HYPERLINK(\"http://evil.example\",\"Click\")", organization: "@SUM(A1:A9)", role: "-2+3",
        phones: ["+1 555 0100", "+44 20 7946 0018"], notes: "\tindented", id: "0123456789abcdef0123456789abcdef",
        ask: "'=already quoted", offer: "''+twice", source: "plain 'quote'")

    @Test func formulaCellsGetAQuoteOnExport() throws {
        let csv = TouchbaseCSV.write(cards: [Self.risky])
        let row = try CSVReader.records(in: csv)[1].fields
        let col = { (name: String) in row[TouchbaseCSV.columns.firstIndex(of: name)!] }
        #expect(col("name") == "'=HYPERLINK(\"http://evil.example\",\"Click\")")
        #expect(col("organization") == "'@SUM(A1:A9)")
        #expect(col("role") == "'-2+3")
        #expect(col("phones") == "'+1 555 0100; +44 20 7946 0018")
        #expect(col("notes") == "'\tindented")
        #expect(col("ask") == "''=already quoted")
        #expect(col("offer") == "'''+twice")
        #expect(col("source") == "plain 'quote'")
        #expect(col("id") == "0123456789abcdef0123456789abcdef")
        // No cell of the document starts with a formula character.
        for record in try CSVReader.records(in: csv) {
            for field in record.fields { #expect(!(field.unicodeScalars.first.map(CSVFormulaGuard.triggers.contains) ?? false)) }
        }
    }

    @Test func reimportRemovesTheProtectionExactly() throws {
        let result = try TouchbaseCSV.parse(text: TouchbaseCSV.write(cards: [Self.risky]))
        let card = try #require(result.cards.first)
        #expect(card.name == Self.risky.name)
        #expect(card.organization == Self.risky.organization)
        #expect(card.role == Self.risky.role)
        #expect(card.phones == Self.risky.phones)
        #expect(card.notes == "indented")  // a value's surrounding whitespace is trimmed on import, as before
        #expect(card.ask == Self.risky.ask)
        #expect(card.offer == Self.risky.offer)
        #expect(card.source == Self.risky.source)
    }

    @Test(arguments: ["=1+1", "+1 555", "-x", "@x", "\tx", "\rx", "'=x", "''@x", "'", "''", "x=1", "", "'x", "-"])
    func protectThenUnprotectIsIdentity(_ cell: String) {
        #expect(CSVFormulaGuard.unprotect(CSVFormulaGuard.protect(cell)) == cell)
    }
}
