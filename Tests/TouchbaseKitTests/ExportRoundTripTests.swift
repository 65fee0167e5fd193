import Foundation
import Testing
import TouchbaseInterop
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// The exports keep given and family names, extra web addresses and the connected-on date, and a
/// CSV export imported on another device exports the same.
@Suite struct ExportRoundTripTests {
    func world() throws -> (KitFixture, Workspace) {
        let f = try KitFixture()
        let kit = try f.make()
        var ada = ContactDraft(name: "Ada King Lovelace")
        ada.organization = "Analytical Engines"
        ada.urls = ["https://ada.example.org", "https://blog.example.org/ada"]
        ada.linkedin = "https://www.linkedin.com/in/ada-l"
        ada.tags = ["alumni"]
        _ = try kit.addContact(ada)
        try kit.store.commit([Op(entity: "contact", record: try kit.contact(matching: "Ada").id, field: "connectedOn",
                                 value: .date(CalendarDate("2019-05-14")!))])
        _ = try kit.addContact(ContactDraft(name: "Hopper, Grace"))
        _ = try kit.addContact(ContactDraft(name: "Cher"))
        return (f, kit)
    }

    @Test func vCardWritesFamilyAndGivenNames() throws {
        let (f, kit) = try world()
        defer { f.cleanup() }
        let text = try kit.exportVCard().text
        #expect(text.contains("N:Lovelace;Ada King;;;\r\n"))
        #expect(text.contains("N:Hopper;Grace;;;\r\n"))
        #expect(text.contains("N:;Cher;;;\r\n"))
        let cards = try VCardReader.parse(text: text).cards
        let ada = try #require(cards.first { $0.name == "Ada King Lovelace" })
        #expect(ada.givenName == "Ada King" && ada.familyName == "Lovelace")
        #expect(ada.urls == ["https://ada.example.org", "https://blog.example.org/ada"])
    }

    @Test func csvExportImportExportIsTheSame() throws {
        let (f, kit) = try world()
        defer { f.cleanup() }
        let first = try kit.exportCSV().text
        let header = try #require(first.components(separatedBy: "\r\n").first)
        #expect(header.contains("given_name,family_name") && header.contains(",urls,") && header.contains(",connected_on,"))
        #expect(first.contains("Ada King Lovelace,Ada King,Lovelace,Analytical Engines"))
        #expect(first.contains("https://ada.example.org; https://blog.example.org/ada"))
        #expect(first.contains("2019-05-14"))

        let other = try f.make("laptop", device: 2)
        var once = Optional(try TouchbaseCSV.parse(text: first))
        let outcome = try other.importContacts(format: .touchbaseCSV) { once.take().map { (nil, $0) } }
        #expect(outcome.created == 3)
        let again = try other.exportCSV().text
        #expect(again == first)
        let ada = try other.contact(matching: "Ada")
        #expect(ada.urls == ["https://ada.example.org", "https://blog.example.org/ada"])
        #expect(ada.connectedOn == CalendarDate("2019-05-14"))
    }
}
