import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// The JSON forms of the kit's output types: the shapes documented in docs/JSON.md, readable back.
@Suite struct OutputCodingTests {
    func object(_ value: some Encodable) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(value)) as? [String: Any])
    }

    @Test func aContactListRowIsTheContactWithTagsAndLastTouch() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        var draft = ContactDraft(name: "Ada")
        draft.emails = ["a@x.org"]
        draft.cadence = 30
        draft.birthday = CalendarDate("--12-10")
        draft.tags = ["mentors"]
        _ = try kit.addContact(draft)
        let rows = try kit.contactList()
        let o = try object(rows[0])
        #expect(o["entity"] as? String == "contact")
        #expect(o["name"] as? String == "Ada")
        #expect(o["emails"] as? [String] == ["a@x.org"])
        #expect(o["cadence"] as? Int == 30)
        #expect(o["birthday"] as? String == "--12-10")
        #expect(o["tags"] as? [String] == ["mentors"])
        #expect(o.keys.contains("lastTouch") && o["lastTouch"] is NSNull)
        #expect(o["deleted"] == nil && o["mergedInto"] == nil)
        let back = try JSONDecoder().decode([ContactListItem].self, from: try JSONEncoder().encode(rows))
        #expect(back == rows, "\(back) vs \(rows)")
    }

    @Test func hubRowsTagCountsAndSearchResultsReadBack() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        var draft = HubDraft(name: "PyData")
        draft.tags = ["python"]
        let hub = try kit.addHub(draft)
        try kit.removeHub(hub.id)
        var all = HubFilter()
        all.includeHidden = true
        let rows = try kit.hubList(all)
        let o = try object(rows[0])
        #expect(o["deleted"] as? Bool == true && o["members"] as? Int == 0 && o["tags"] as? [String] == ["python"])
        #expect(try JSONDecoder().decode([HubListItem].self, from: try JSONEncoder().encode(rows)) == rows)
        let counts = try kit.tagCounts()
        #expect(try JSONDecoder().decode([TagCount].self, from: try JSONEncoder().encode(counts)) == counts)

        try kit.restoreHub(hub.id)
        let hits = try kit.search("pydata")
        let h = try object(hits[0])
        #expect(Set(h.keys) == ["kind", "id", "contact", "title", "date", "interactionKind", "snippet", "matches", "rank"])
        #expect(h["contact"] is NSNull && h["kind"] as? String == "hub")
        #expect(try JSONDecoder().decode([SearchResult].self, from: try JSONEncoder().encode(hits)) == hits)
    }

    @Test func kitErrorsNameNoCommandFlagOrVariable() {
        let samples = WorkspaceError.Code.allCases.map { WorkspaceError($0, field: "emails", detail: "an address like name@example.org") }
            + [WorkspaceError(.malformed, field: "linkedin", detail: "a linkedin.com/in/… profile address"),
               WorkspaceError(.malformed, field: "phones", detail: "digits with optional + ( ) - . x and spaces")]
        for error in samples {
            let text = error.description
            #expect(!text.contains("touchbase") && !text.contains("--") && !text.contains("TOUCHBASE"), "\(text)")
        }
    }
}
