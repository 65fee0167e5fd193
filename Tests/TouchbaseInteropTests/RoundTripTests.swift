import Testing
import TouchbaseCore
import TouchbaseTestSupport
@testable import TouchbaseInterop

@Suite("Round trips")
struct RoundTripTests {
    /// Cards using every field the vCard writer carries, with awkward text.
    static let richCards: [ContactCard] = [
        ContactCard(
            name: "Ada Lovelace", givenName: "Ada", familyName: "Lovelace", organization: "Analytical Engines; Ltd",
            role: "Head of Research, Computing", emails: ["ada@analytical.example", "ada@home.example"],
            phones: ["+44 20 7946 0018", "020 7946 0019"], linkedinURL: "https://www.linkedin.com/in/ada-lovelace-1815",
            urls: ["https://ada.example/notes?x=1,2", "https://blog.example"], location: "London, UK",
            notes: "First programmer.\nAsk about \"note G\"; bring tea \\ biscuits.\n\nÜber-long line: " + String(repeating: "é😀", count: 60),
            birthday: CalendarDate(year: 1815, month: 12, day: 10), tags: ["mentor", "math, history"],
            connectedOn: CalendarDate(year: 2024, month: 3, day: 12), id: "0123456789abcdef0123456789abcdef",
            stage: "pending", voter: "swing", ask: "Intro to Babbage; maybe lunch", offer: "Proofread, translate",
            source: "LinkedIn", cadenceDays: 30, hubs: ["London Math Society", "Women, in Tech"]),
        ContactCard(name: "Cher", birthday: CalendarDate(year: nil, month: 5, day: 20), uid: "A1B2-C3:ABPerson"),
        ContactCard(name: "no-name@example.com", emails: ["no-name@example.com"]),
    ]

    @Test func vCardExportThenImport() throws {
        let text = VCardWriter.write(Self.richCards)
        let result = try VCardReader.parse(text: text)
        #expect(result.skipped.isEmpty && result.warnings.isEmpty)
        #expect(result.cards.map(\.withoutSourceLine) == Self.richCards)
    }

    @Test func touchbaseCSVExportThenImport() throws {
        // The CSV carries no given/family name, extra URLs, foreign UID or connected-on date.
        let cards = Self.richCards.map { card -> ContactCard in
            var c = card
            c.givenName = nil
            c.familyName = nil
            c.urls = []
            c.uid = nil
            c.connectedOn = nil
            return c
        }
        let text = TouchbaseCSV.write(cards.map {
            TouchbaseCSV.Row(card: $0, lastTouch: CalendarDate(year: 2024, month: 1, day: 2), nextFollowUp: nil)
        })
        let result = try CSVImport.parse(text: text)
        #expect(result.format == .touchbaseCSV)
        #expect(result.skipped.isEmpty && result.warnings.isEmpty)
        #expect(result.cards.map(\.withoutSourceLine) == cards)
    }

    @Test func importedVCardSurvivesExportAndReimport() throws {
        for fixture in [VCardFixture.apple30, VCardFixture.rfc40] {
            let first = try VCardReader.parse(text: fixture).cards.map(\.withoutSourceLine)
            let again = try VCardReader.parse(text: VCardWriter.write(first)).cards.map(\.withoutSourceLine)
            #expect(again == first)
        }
    }

    @Test func linkedInImportSurvivesTouchbaseCSV() throws {
        let first = try CSVImport.parse(text: Fixture.linkedIn).cards.map { card -> ContactCard in
            var c = card.withoutSourceLine
            c.givenName = nil
            c.familyName = nil
            c.connectedOn = nil
            return c
        }
        let again = try CSVImport.parse(text: TouchbaseCSV.write(cards: first)).cards.map(\.withoutSourceLine)
        #expect(again == first)
    }

    @Test func randomCardsRoundTrip() throws {
        var rng = SeededGenerator(seed: SeededGenerator.seed(fallback: 20240312))
        let alphabet = Array("abcXYZ 019,;:\\\"'\n\té😀-_.@+")
        func text(_ max: Int) -> String {
            let s = String((0..<Int.random(in: 1...max, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            let trimmed = s.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? "x" : trimmed
        }
        func maybe(_ max: Int) -> String? { Bool.random(using: &rng) ? text(max) : nil }
        func oneLine(_ max: Int) -> String { text(max).replacingOccurrences(of: "\n", with: " ") }
        for _ in 0..<200 {
            var card = ContactCard(name: oneLine(30))
            card.organization = maybe(20).map { $0.replacingOccurrences(of: "\n", with: " ") }
            card.notes = maybe(200)
            card.ask = maybe(40)
            card.tags = (0..<Int.random(in: 0...3, using: &rng)).map { _ in oneLine(10).replacingOccurrences(of: ";", with: "") }
            card.cadenceDays = Bool.random(using: &rng) ? Int.random(in: 1...365, using: &rng) : nil
            card.birthday = CalendarDate(year: Bool.random(using: &rng) ? Int.random(in: 1900...2020, using: &rng) : nil,
                                         month: Int.random(in: 1...12, using: &rng), day: Int.random(in: 1...28, using: &rng))
            card.id = Bool.random(using: &rng) ? String((0..<32).map { _ in "0123456789abcdef".randomElement(using: &rng)! }) : nil
            guard let expected = CardAssembly.finish(card) else { continue }
            let fromVCard = try VCardReader.parse(text: VCardWriter.write(expected)).cards.map(\.withoutSourceLine)
            #expect(fromVCard == [expected], "seed \(rng.seed)")
            let fromCSV = try CSVImport.parse(text: TouchbaseCSV.write(cards: [expected])).cards.map(\.withoutSourceLine)
            #expect(fromCSV == [expected], "seed \(rng.seed)")
        }
    }
}
