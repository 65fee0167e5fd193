import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// Warm introductions: who works there, who worked there, who shares a hub with someone there.
@Suite struct IntroductionRulesTests {
    private func org(_ name: String) -> [(String, Value?)] { [("organization", .text(name))] }

    @Test func currentFormerAndHubConnectionsEachWithATouch() throws {
        let w = try KitWorld()
        let kit = w.workspace
        let ben = try w.contact("Ben Okri", stage: "active", extra: org("Northwind Traders"))
        let lea = try w.contact("Léa Martin", stage: "want", extra: org("northwind  traders"))
        let dan = try w.contact("Dan Wu", stage: "pending", extra: org("Nörthwind Traders"))
        try w.store.commit(RecordOps.put("contact", dan, [("organization", .text("Contoso"))]))  // a re-import moved Dan on
        let eve = try w.contact("Eve Adams", stage: "active", extra: org("Fabrikam"))
        let fay = try w.contact("Fay Chen", stage: "docket")
        _ = try w.contact("Gus Lund", stage: "active", extra: org("Elsewhere"))
        try w.hub("PyData", members: [eve, ben])
        try w.hub("Book club", members: [fay, lea])
        try w.hub("Nobody there", members: [fay])

        let target = try kit.introductions(toOrganization: "NORTHWIND TRADERS")
        #expect(target.wishlist.map(\.id) == [lea])
        #expect(target.paths.map(\.contact) == [ben, dan, eve, fay])
        #expect(target.paths.map(\.via) == [.worksThere, .workedThere, .sameHub(hub: "PyData", colleague: "Ben Okri"),
                                            .sameHub(hub: "Book club", colleague: "Léa Martin")])
        #expect(target.paths[1].organization == "Contoso")
        #expect(target.paths.allSatisfy { $0.suggestedReason.contains("NORTHWIND TRADERS") })
        #expect(target.paths[2].suggestedReason.contains("Ben Okri") && target.paths[2].suggestedReason.contains("PyData"))
        #expect(!target.paths.contains { $0.contact == lea }, "a wishlist contact is a target, not a way in")
    }

    @Test func theTargetsAreOpportunitiesAndWishlistOrganisations() throws {
        let w = try KitWorld()
        let kit = w.workspace
        let ben = try w.contact("Ben Okri", stage: "active", extra: org("Contoso"))
        _ = try w.contact("Léa Martin", stage: "want", extra: org("Fabrikam"))
        _ = try w.contact("Ivy Stone", stage: "active", extra: org("Fabrikam"))
        let o = try kit.addOpportunity(OpportunityDraft(role: "Analyst", organization: "contoso")).opportunity
        let closed = try kit.addOpportunity(OpportunityDraft(role: "Dev", organization: "Tailspin")).opportunity
        try kit.closeOpportunity(closed.id, outcome: .rejected)

        let targets = try kit.introductionTargets()
        #expect(targets.map(\.organization) == ["contoso", "Fabrikam"], "closed opportunities are not targets")
        #expect(targets[0].opportunities.map(\.id) == [o.id])
        #expect(targets[0].paths.map(\.contact) == [ben])
        #expect(targets[0].paths[0].suggestedReason.contains("Analyst"), "one opportunity there: its role is in the ask")
        #expect(targets[1].paths.map(\.name) == ["Ivy Stone"])
        #expect(try kit.opportunityDetails(o.id).introductions.map(\.contact) == [ben])
    }
}
