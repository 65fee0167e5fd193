import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// The funnel: each count from the data, per week, and response rates by channel, source, voter
/// and hub.
@Suite struct FunnelStatsTests {
    @Test func countsEachStepInItsWeekAndRatesTheOutreach() throws {
        let w = try KitWorld()  // Monday 2 March 2026
        let kit = w.workspace
        let ada = try w.contact("Ada", stage: "want", voter: "swing", extra: [("source", .text("PyData"))])
        let ben = try w.contact("Ben", stage: "want", voter: "set", extra: [("source", .text("LinkedIn"))])
        let cy = try w.contact("Cy", stage: "want")
        let gone = try w.contact("Gone", stage: "want")
        try w.hub("PyData", members: [ada])
        // Last week: two touches, one answered.
        w.advance(days: -7)
        _ = try kit.touch(TouchInput(contact: ada, reason: "hello", channel: "Email"))
        _ = try kit.touch(TouchInput(contact: ben, reason: "hello", channel: "linkedin"))
        _ = try kit.touch(TouchInput(contact: gone, reason: "hello", channel: "email"))
        try kit.removeContact(gone)
        w.advance(days: 1)
        _ = try kit.reply(ReplyInput(contact: ada))
        // This week: one more touch, a meeting, an opportunity with a referrer, applied and interviewing.
        w.advance(days: 6)
        _ = try kit.touch(TouchInput(contact: cy, reason: "hi"))
        _ = try kit.debrief(Debrief(contact: ada, learned: "they hire"))
        var draft = OpportunityDraft(role: "Dev", organization: "X")
        draft.stage = .interviewing
        draft.contacts = [OpportunityLinkInput(contact: ben, role: .referrer)]
        _ = try kit.addOpportunity(draft)

        let stats = try kit.funnel(weeks: 3)
        #expect(stats.weeks.map(\.start) == ["2026-02-16", "2026-02-23", "2026-03-02"].map { CalendarDate($0)! })
        #expect(stats.through == w.today)
        let last = stats.weeks[1], now = stats.weeks[2]
        #expect(last.steps.map(\.count) == [2, 1, 0, 0, 0, 0, 0],
                "a deleted contact's touch is not counted")
        #expect(now.steps.map(\.count) == [1, 0, 1, 1, 1, 1, 0])
        #expect(stats.total.touches == 3)
        #expect(stats.byChannel == [ResponseRate(label: "email", sent: 1, answered: 1), ResponseRate(label: "linkedin", sent: 1, answered: 0),
                                    ResponseRate(label: nil, sent: 1, answered: 0)])
        #expect(stats.bySource.first { $0.label == "PyData" } == ResponseRate(label: "PyData", sent: 1, answered: 1))
        #expect(stats.byVoter.first { $0.label == "swing" }?.rate == 1)
        #expect(stats.byVoter.first { $0.label == "set" }?.rate == 0)
        #expect(stats.byHub == [ResponseRate(label: nil, sent: 2, answered: 0), ResponseRate(label: "PyData", sent: 1, answered: 1)])

        #expect(throws: WorkspaceError(.outOfRange, field: "weeks", detail: "1...104")) { try kit.funnel(weeks: 0) }
    }
}
