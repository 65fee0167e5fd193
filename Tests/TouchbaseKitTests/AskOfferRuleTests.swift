import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// A contact with neither an ask nor an offer: a touch says so, and `today` suggests others first.
@Suite struct AskOfferRuleTests {
    @Test func aContactWithNeitherIsNotSuggestedWhileOthersHaveOne() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        let bare = try kit.addContact(ContactDraft(name: "Aaron Bare")).contact
        #expect(try kit.todayPlan(target: 2).newTouches.map(\.contact) == [bare.id], "with nobody better, still suggested")
        var draft = ContactDraft(name: "Zed Asks")
        draft.ask = "an intro to the data team"
        let asks = try kit.addContact(draft).contact
        #expect(try kit.todayPlan(target: 2).newTouches.map(\.contact) == [asks.id])
    }

    @Test func aTouchSaysWhatIsMissingOnlyWhenBothAre() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        let bare = try kit.addContact(ContactDraft(name: "Aaron Bare")).contact
        var draft = ContactDraft(name: "Oli Offers")
        draft.offer = "my notes on hiring loops"
        let offers = try kit.addContact(draft).contact
        #expect(try kit.touch(TouchInput(contact: bare.id, reason: "saw your talk")).missing == ["ask", "offer"])
        #expect(try kit.touch(TouchInput(contact: offers.id, reason: "saw your talk")).missing.isEmpty)
    }
}
