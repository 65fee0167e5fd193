import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// Opportunities through the kit, on a real database: stages and their days, links to contacts,
/// contacts at the same organisation, today's steps and referral touches, the board.
@Suite struct OpportunityRulesTests {
    private func org(_ name: String) -> [(String, Value?)] { [("organization", .text(name))] }

    @Test func aNewOpportunityStartsResearchingAndSuggestsContactsAtTheSameOrganisation() throws {
        let w = try KitWorld()
        let kit = w.workspace
        let ben = try w.contact("Ben Okri", stage: "active", extra: org("Zürich Re"))
        let lea = try w.contact("Léa Martin", stage: "want", extra: org("  zurich   RE "))
        _ = try w.contact("Cleo Park", stage: "active", extra: org("Zurich Insurance"))
        var draft = OpportunityDraft(role: " Data Engineer ", organization: "ZURICH RE")
        draft.contacts = [OpportunityLinkInput(contact: ben, role: .referrer)]
        let added = try kit.addOpportunity(draft)
        let o = added.opportunity
        #expect(o.role == "Data Engineer")
        #expect(o.organization == "ZURICH RE")
        #expect(o.stage == .researching)
        #expect(o.applied == nil)
        #expect(added.suggested.map(\.id) == [lea], "the linked contact is not suggested; another organisation is not either")
        let people = try kit.people(ofOpportunity: o.id)
        #expect(people.map(\.contact.id) == [ben])
        #expect(people.first?.role == .referrer)
        #expect(people.first?.since == w.today)
        #expect(try kit.opportunityDetails(o.id).suggested.map(\.id) == [lea])
        #expect(try w.store.record("opportunityContact", id: Schema.opportunityContactID(opportunity: o.id, contact: ben)) != nil,
                "the link's id is derived from the pair")
    }

    @Test func badInputIsRefusedAndNothingIsWritten() throws {
        let w = try KitWorld()
        let kit = w.workspace
        let before = try w.store.version()
        #expect(throws: WorkspaceError(.emptyValue, field: "role")) { try kit.addOpportunity(OpportunityDraft(role: "  ", organization: "X")) }
        #expect(throws: WorkspaceError(.emptyValue, field: "organization")) { try kit.addOpportunity(OpportunityDraft(role: "Dev", organization: "")) }
        var closed = OpportunityDraft(role: "Dev", organization: "X")
        closed.stage = .closed
        #expect(throws: WorkspaceError(.stageMismatch, field: "stage")) { try kit.addOpportunity(closed) }
        var unknown = OpportunityDraft(role: "Dev", organization: "X")
        unknown.stage = .unrecognized("ghosted")
        #expect(throws: WorkspaceError.self) { try kit.addOpportunity(unknown) }
        var badURL = OpportunityDraft(role: "Dev", organization: "X")
        badURL.url = "not a url at all"
        #expect(throws: WorkspaceError.self) { try kit.addOpportunity(badURL) }
        var missingContact = OpportunityDraft(role: "Dev", organization: "X")
        missingContact.contacts = [OpportunityLinkInput(contact: Fixtures.record(77_777), role: .referrer)]
        #expect(throws: StoreError.self) { try kit.addOpportunity(missingContact) }
        #expect(try w.store.version() == before)
    }

    @Test func stagesRecordTheDayTheyWereReachedAndClosingTakesAnOutcome() throws {
        let w = try KitWorld()
        let kit = w.workspace
        var draft = OpportunityDraft(role: "Analyst", organization: "Contoso")
        draft.stage = .applied
        draft.nextStep = "follow up with the recruiter"
        draft.nextStepOn = w.today.adding(days: 3)
        let o = try kit.addOpportunity(draft).opportunity
        #expect(o.applied == w.today, "applying records the day")
        w.advance(days: 5)
        var toInterviews = OpportunityChanges()
        toInterviews.stage = .interviewing
        let interviewing = try kit.editOpportunity(o.id, toInterviews)
        #expect(interviewing.interviewing == w.today)
        #expect(interviewing.applied == o.applied, "an earlier day is kept")

        var close = OpportunityChanges()
        close.stage = .closed
        #expect(throws: WorkspaceError(.stageMismatch, field: "stage")) { try kit.editOpportunity(o.id, close) }
        #expect(throws: WorkspaceError(.emptyValue, detail: "nothing to change")) { try kit.editOpportunity(o.id, OpportunityChanges()) }

        let closed = try kit.closeOpportunity(o.id, outcome: .rejected)
        #expect(closed.stage == .closed)
        #expect(closed.outcome == .rejected)
        #expect(closed.closed == w.today)
        #expect(closed.nextStepOn == nil, "a closed opportunity has no step due")
        #expect(try kit.opportunities().isEmpty, "closed ones are left out by default")
        var all = OpportunityFilter()
        all.includeClosed = true
        #expect(try kit.opportunities(all).map(\.id) == [o.id])

        var reopen = OpportunityChanges()
        reopen.stage = .offer
        let reopened = try kit.editOpportunity(o.id, reopen)
        #expect(reopened.outcome == nil)
        #expect(reopened.closed == nil)
        #expect(reopened.offered == w.today)
    }

    @Test func linksCanBeChangedRemovedAndFollowMerges() throws {
        let w = try KitWorld()
        let kit = w.workspace
        let ben = try w.contact("Ben Okri", stage: "active")
        let dup = try w.contact("Benjamin Okri", stage: "active")
        let o = try kit.addOpportunity(OpportunityDraft(role: "PM", organization: "Fabrikam")).opportunity
        try kit.linkContact(OpportunityLinkInput(contact: dup, role: .worksThere), toOpportunity: o.id)
        try kit.linkContact(OpportunityLinkInput(contact: dup, role: .recruiter), toOpportunity: o.id)
        #expect(try kit.people(ofOpportunity: o.id).map(\.role) == [.recruiter], "linking again changes the role")
        try kit.mergeContact(dup, into: ben)
        let people = try kit.people(ofOpportunity: o.id)
        #expect(people.map(\.contact.id) == [ben], "a link made on a duplicate shows under the contact that stayed")
        try kit.unlinkContact(ben, fromOpportunity: o.id)
        #expect(try kit.people(ofOpportunity: o.id).isEmpty)
        #expect(throws: WorkspaceError(.notLinked)) { try kit.unlinkContact(ben, fromOpportunity: o.id) }
        try kit.linkContact(OpportunityLinkInput(contact: ben, role: .interviewer), toOpportunity: o.id)
        #expect(try kit.people(ofOpportunity: o.id).map(\.role) == [.interviewer], "a removed link can be made again")
    }

    @Test func findingRemovingAndRestoring() throws {
        let w = try KitWorld()
        let kit = w.workspace
        let a = try kit.addOpportunity(OpportunityDraft(role: "Data Engineer", organization: "Northwind")).opportunity
        let b = try kit.addOpportunity(OpportunityDraft(role: "Data Analyst", organization: "Northwind")).opportunity
        #expect(try kit.opportunity(matching: "engineer northwind").id == a.id)
        #expect(try kit.opportunity(matching: "Data Analyst").id == b.id)
        #expect(try kit.opportunity(matching: a.id.hex).id == a.id)
        #expect(throws: StoreError.self, "a prefix both ids share") { try kit.opportunity(matching: String(b.id.hex.prefix(16))) }
        #expect(throws: StoreError.self) { try kit.opportunity(matching: "data northwind") }
        #expect(throws: StoreError.self) { try kit.opportunity(matching: "designer") }
        try kit.removeOpportunity(a.id)
        #expect(try kit.opportunities().map(\.id) == [b.id])
        #expect(throws: StoreError.self) { try kit.opportunity(matching: "engineer") }
        #expect(throws: WorkspaceError(.notDeleted)) { try kit.restoreOpportunity(b.id) }
        try kit.restoreOpportunity(try kit.opportunity(matching: "engineer", includeDeleted: true).id)
        #expect(Set(try kit.opportunities().map(\.id)) == [a.id, b.id])
        let history = try kit.opportunityHistory(a.id)
        #expect(history.count == 3)
        #expect(history.last?.events == [.fields(duplicate: nil, changes: [.restored])])
    }

    @Test func todayListsDueStepsAndReferralTouchesBeforeApplying() throws {
        let w = try KitWorld()
        let kit = w.workspace
        let ben = try w.contact("Ben Okri", stage: "active", extra: org("Northwind"))
        let cleo = try w.contact("Cleo Park", stage: "active", extra: org("Northwind"))
        let rita = try w.contact("Rita Recruiter", stage: "active")
        var researching = OpportunityDraft(role: "Data Engineer", organization: "Northwind")
        researching.nextStep = "read the team's blog"
        researching.nextStepOn = w.today.adding(days: -2)
        researching.contacts = [OpportunityLinkInput(contact: ben, role: .referrer), OpportunityLinkInput(contact: cleo, role: .worksThere),
                                OpportunityLinkInput(contact: rita, role: .recruiter)]
        let o = try kit.addOpportunity(researching).opportunity
        var later = OpportunityDraft(role: "Analyst", organization: "Contoso")
        later.stage = .applied
        later.nextStep = "call back"
        later.nextStepOn = w.today.adding(days: 4)
        later.contacts = [OpportunityLinkInput(contact: ben, role: .referrer)]
        let other = try kit.addOpportunity(later).opportunity

        var day = try kit.opportunityDay()
        #expect(day.dueSteps.map(\.opportunity) == [o.id])
        #expect(day.dueSteps.first?.overdueDays == 2)
        #expect(day.dueSteps.first?.step == "read the team's blog")
        #expect(day.referralTouches.map(\.contact) == [cleo, ben], "by role: who works there, then referrers")
        #expect(day.referralTouches.map(\.role) == [.worksThere, .referrer])
        #expect(Set(day.referralTouches.map(\.contact)) == [ben, cleo], "the recruiter is not asked for a referral; the applied one is past it")
        #expect(day.referralTouches.allSatisfy { $0.suggestedReason.contains("Data Engineer") && $0.suggestedReason.contains("Northwind") })

        // A touch to Ben answers his proposal; Cleo's stays.
        _ = try kit.touch(TouchInput(contact: ben, reason: "about the data engineer role"))
        day = try kit.opportunityDay()
        #expect(day.referralTouches.map(\.contact) == [cleo])

        // The agenda's hook: steps in a range.
        #expect(try kit.opportunitySteps(from: w.today, through: w.today.adding(days: 7)).map(\.opportunity) == [other.id])
        #expect(try kit.opportunitySteps(from: w.today.adding(days: -7), through: w.today.adding(days: 7)).map(\.opportunity) == [o.id, other.id])

        // Applying ends the referral proposals; closing ends the step.
        var applied = OpportunityChanges()
        applied.stage = .applied
        try kit.editOpportunity(o.id, applied)
        try kit.closeOpportunity(other.id, outcome: .withdrawn)
        day = try kit.opportunityDay()
        #expect(day.referralTouches.isEmpty)
        #expect(try kit.opportunitySteps(from: w.today, through: w.today.adding(days: 7)).isEmpty)
    }

    @Test func theBoardShowsEveryStageInOrder() throws {
        let w = try KitWorld()
        let kit = w.workspace
        let ben = try w.contact("Ben Okri", stage: "active")
        var a = OpportunityDraft(role: "A", organization: "X")
        a.contacts = [OpportunityLinkInput(contact: ben, role: .referrer)]
        let first = try kit.addOpportunity(a).opportunity
        var b = OpportunityDraft(role: "B", organization: "Y")
        b.stage = .interviewing
        let second = try kit.addOpportunity(b).opportunity
        let third = try kit.addOpportunity(OpportunityDraft(role: "C", organization: "Z")).opportunity
        try kit.closeOpportunity(third.id, outcome: .declined)
        let board = try kit.opportunityBoard()
        #expect(board.columns.map(\.stage) == [.researching, .applied, .interviewing, .offer, .closed])
        #expect(board.columns[0].entries.map(\.opportunity.id) == [first.id])
        #expect(board.columns[0].entries.first?.hasReferrer == true)
        #expect(board.columns[0].entries.first?.people == 1)
        #expect(board.columns[2].entries.map(\.opportunity.id) == [second.id])
        #expect(board.columns[4].entries.map(\.opportunity.id) == [third.id])
    }
}
