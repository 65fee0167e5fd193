import Foundation
import Testing
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// Today's plan, the pace, the board, the hub mix and the duplicates, through the kit.
@Suite struct WorkflowViewsTests {
    @Test func todayPicksSayWhyAsValues() throws {
        let w = try KitWorld()
        let swing = try w.contact("Sam Swing", stage: "want", voter: "swing", ask: "a referral")
        let both = try w.contact("Bea Both", stage: "docket", ask: "an intro", offer: "a review")
        let post = try w.workspace.addReason(ReasonDraft(text: "I wrote a blog post"))
        try w.workspace.setSetting("daily-target", to: "2")
        let plan = try w.workspace.todayPlan()
        #expect(plan.date == w.today && plan.target == 2)
        #expect(plan.newTouches.map(\.contact) == [swing, both])
        #expect(plan.newTouches[0].why == [.swingVoter, .unusedReason(post.id)])
        #expect(plan.newTouches[1].why == [.askAndOffer, .unusedReason(post.id)])
        #expect(plan.newTouches[0].suggestedReason?.id == post.id)

        // Touched today: done, and no longer picked.
        try w.workspace.touch(TouchInput(contact: swing, share: post.id))
        let after = try w.workspace.todayPlan()
        #expect(after.doneToday == 1 && after.newTouches.map(\.contact) == [both])
    }

    @Test func paceWindowAndWarning() throws {
        let w = try KitWorld()
        let ada = try w.contact("Ada Lovelace", stage: "want")
        try w.workspace.touch(TouchInput(contact: ada, reason: "hi", minutes: 60))
        try w.workspace.touch(TouchInput(contact: ada, reason: "old", date: w.today.adding(days: -7), minutes: 500))
        try w.workspace.logPrep(PrepInput(what: "research", minutes: 20, date: w.today.adding(days: -6)))
        let week = try w.workspace.pace(.week)
        #expect(week.from == w.today.adding(days: -6) && week.to == w.today)
        #expect(week.report.rows.count == 7 && week.report.granularity == .day)
        #expect(week.report.prep == 20 && week.report.connect == 60)  // the touch of 7 days ago is outside
        #expect(week.report.warning == .mostlyConnecting(prepShare: 0.25))

        let month = try w.workspace.pace(.month)
        #expect(month.from == PaceReport.monday(of: w.today).adding(days: -28))
        #expect(month.report.granularity == .week && month.report.rows.count == 5)
        #expect(PacePeriod.month.start(endingOn: CalendarDate("2026-03-04")!) == CalendarDate("2026-02-02")!)

        try w.workspace.logPrep(PrepInput(what: "writing", minutes: 200))
        #expect(try w.workspace.pace().report.warning == .mostlyPrepping(prepShare: 220.0 / 280.0))
    }

    @Test func boardGroupsStagesAndRefusesAnUnknownStage() throws {
        let w = try KitWorld()
        let ada = try w.contact("Ada Lovelace", stage: "want")
        try w.contact("Ben Okri", stage: "active")
        try w.contact("No Stage")
        try w.workspace.planMeeting(MeetingPlan(contact: ada, date: w.today.adding(days: 3), exitGoal: "advice"))
        let board = try w.workspace.board()
        #expect(board.stages == Schema.stages && board.unstaged == 1)
        #expect(board.entries(at: "docket").map(\.name) == ["Ada Lovelace"])
        #expect(board.entries(at: "docket").first?.meeting == w.today.adding(days: 3))
        #expect(try w.workspace.board(stage: "ACTIVE").stages == ["active"])
        let e: WorkspaceError? = { do { _ = try w.workspace.board(stage: "friends"); return nil } catch { return error as? WorkspaceError } }()
        #expect(e?.code == .malformed && e?.field == "stage")
    }

    @Test func hubMixCountsTouchesInsideItsSinceWindow() throws {
        let w = try KitWorld()
        let a = try w.contact("A Set", voter: "set"), b = try w.contact("B Set", voter: "set"), c = try w.contact("C Swing", voter: "swing")
        let club = try w.hub("Club", members: [a, b])
        let lab = try w.hub("Lab", members: [c])
        try w.workspace.touch(TouchInput(contact: a, reason: "hi", date: w.today.adding(days: -9)))
        try w.workspace.touch(TouchInput(contact: c, reason: "hi", date: w.today.adding(days: -10)))

        let ten = try w.workspace.hubMix(days: 10)
        #expect(ten.since == w.today.adding(days: -9) && ten.days == 10)
        #expect(ten.touches.setVoters == 1 && ten.touches.swingVoters == 0)  // 10 days ago is outside
        #expect(ten.hubs.map(\.name) == ["Club", "Lab"])
        #expect(ten.hubs[0].stopLoss && !ten.hubs[1].stopLoss)

        let byDefault = try w.workspace.hubMix()
        #expect(byDefault.days == 90 && byDefault.touches.total == 2)
        try w.workspace.setSetting("mix-days", to: "5")
        #expect(try w.workspace.hubMix().since == w.today.adding(days: -4))
        #expect(try w.workspace.hubMix(hub: lab).hubs.map(\.id) == [lab])
        _ = club
        for days in [0, 3651] {
            let e: WorkspaceError? = { do { _ = try w.workspace.hubMix(days: days); return nil } catch { return error as? WorkspaceError } }()
            #expect(e?.code == .outOfRange && e?.field == "days")
        }
    }

    @Test func duplicatesNameTheSurvivorAndSayWhy() throws {
        let w = try KitWorld()
        let ada = try w.contact("Ada Lovelace", extra: [("emails", .texts(["ada@example.com"])), ("organization", .text("Engines"))])
        let dup = try w.contact("A. Lovelace", extra: [("emails", .texts(["ADA@example.com"]))])
        try w.contact("Grace Hopper")
        let groups = try w.workspace.duplicates()
        #expect(groups.count == 1)
        #expect(groups[0].survivor == DuplicateGroup.Member(id: ada, name: "Ada Lovelace"))
        #expect(groups[0].duplicates.map(\.id) == [dup])
        #expect(groups[0].reasons == [.sameEmail("ada@example.com")])
    }
}
