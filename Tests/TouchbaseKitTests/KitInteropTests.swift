import Foundation
import Testing
import TouchbaseInterop
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// Import cards into people and export people as cards, through the kit.
@Suite struct KitInteropTests {
    private func card(_ name: String, email: String, line: Int) -> ContactCard {
        var c = ContactCard(name: name, emails: [email], tags: ["conference"])
        c.sourceLine = line
        return c
    }

    @Test func importingTwiceChangesNothingAndAnExportRoundTrips() throws {
        let dir = try KitTemporaryDirectory("interop")
        let w = try KitFixtures.workspace("w", in: dir, clock: TestClock(), random: KitRandom(seed: 0x1))
        let pieces = [ImportResult(format: .linkedInCSV, cards: [card("Ada Lovelace", email: "ada@example.org", line: 2)],
                                   skipped: [.init(line: 3, reason: "no name")]),
                      ImportResult(format: .linkedInCSV, cards: [card("Grace Hopper", email: "grace@example.org", line: 4)])]
        func run(dryRun: Bool = false) throws -> ImportOutcome {
            var rest = pieces[...]
            return try w.importContacts(format: .linkedInCSV, dryRun: dryRun) { rest.popFirst().map { (nil, $0) } }
        }
        let dry = try run(dryRun: true)
        #expect(try dry.created == 2 && KitFixtures.contactNames(w).isEmpty)
        let first = try run()
        #expect(first.created == 2 && first.updated == 0 && first.skipped.map(\.line) == [3])
        let ada = try #require(try w.store.records(RecordQuery(entity: "contact")).first { $0.displayName == "Ada Lovelace" })
        #expect(ada.text("source") == "LinkedIn", "LinkedIn's export sets the default source")
        let again = try run()
        #expect(again.created == 0 && again.updated == 0 && again.unchanged == 2)

        // Export, then import the export: the same people, nothing new.
        let csv = try w.exportCSV()
        #expect(csv.count == 2 && csv.text.contains("ada@example.org"))
        let parsed = try TouchbaseCSV.parse(text: csv.text)
        var once = Optional(parsed)
        let reimport = try w.importContacts(format: .touchbaseCSV) { once.take().map { (nil, $0) } }
        #expect(reimport.created == 0 && reimport.updated == 0 && reimport.unchanged == 2)
        let vcard = try w.exportVCard()
        #expect(vcard.count == 2 && vcard.text.contains("UID:"))
    }

    @Test func theDefaultSourceFollowsTheFormat() {
        #expect(Workspace.defaultSource(for: .linkedInCSV) == "LinkedIn")
        #expect(Workspace.defaultSource(for: .googleCSV) == nil && Workspace.defaultSource(for: .vCard) == nil)
    }
}
