import Testing
import TouchbaseCore
import TouchbaseTestSupport

/// The day's plan, computed from plain structs with an injected date.
@Suite struct WorkflowPlannerTests {
    let today = CalendarDate("2026-03-02")!
    func id(_ n: UInt64) -> RecordID { Fixtures.record(n) }
    func day(_ s: String) -> CalendarDate { CalendarDate(s)! }

    func input(_ contacts: [PlanContact], _ configure: (inout TodayInput) -> Void = { _ in }) -> TodayInput {
        var i = TodayInput(today: today, contacts: Dictionary(uniqueKeysWithValues: contacts.map { ($0.id, $0) }))
        configure(&i)
        return i
    }

    @Test func newTouchesRankSwingThenAskAndOfferThenUnusedReason() {
        let reason = PlanReason(id: id(100), text: "blog post")
        let contacts = [
            // Each has an ask or an offer: one with neither waits while others have one (below).
            PlanContact(id: id(1), name: "Plain", stage: "want", hasOffer: true),
            PlanContact(id: id(2), name: "Reason only", stage: "want", hasAsk: true),
            PlanContact(id: id(3), name: "Ask and offer", stage: "docket", hasAsk: true, hasOffer: true, usedReasons: [id(100)]),
            PlanContact(id: id(4), name: "Swing", stage: "want", voter: "swing", hasAsk: true, usedReasons: [id(100)]),
            PlanContact(id: id(5), name: "Active", stage: "active", voter: "swing", hasAsk: true, hasOffer: true),
        ]
        var settings = WorkflowSettings()
        settings.targets = TargetHistory(constant: 4)
        let plan = TodayPlanner.plan(input(contacts) {
            $0.settings = settings
            $0.reasons = [reason]
            $0.contacts[id(1)]!.usedReasons = [id(100)]
        })
        #expect(plan.newTouches.map(\.name) == ["Swing", "Ask and offer", "Reason only", "Plain"])
        #expect(plan.newTouches[0].why == [.swingVoter])
        #expect(plan.newTouches[1].why == [.askAndOffer])
        #expect(plan.newTouches[2].why == [.unusedReason(reason.id)])
        #expect(plan.newTouches[2].suggestedReason == reason)
        #expect(plan.newTouches[3].suggestedReason == nil)
    }

    @Test func neitherAskNorOfferWaitsWhileOthersHaveOne() {
        var settings = WorkflowSettings()
        settings.targets = TargetHistory(constant: 3)
        let bare = [PlanContact(id: id(1), name: "Bare swing", stage: "want", voter: "swing"), PlanContact(id: id(2), name: "Bare", stage: "want")]
        let offers = PlanContact(id: id(3), name: "Offers", stage: "want", hasOffer: true)
        #expect(TodayPlanner.plan(input(bare + [offers]) { $0.settings = settings }).newTouches.map(\.name) == ["Offers"])
        #expect(TodayPlanner.plan(input(bare) { $0.settings = settings }).newTouches.map(\.name) == ["Bare swing", "Bare"])
    }

    @Test func picksOnlyWhatIsLeftOfTheTarget() {
        let contacts = (1...5).map { PlanContact(id: id($0), name: "P\($0)", stage: "want") }
        var plan = TodayPlanner.plan(input(contacts))
        #expect(plan.newTouches.count == 1)
        plan = TodayPlanner.plan(input(contacts) { $0.newTouchesByDay = [self.today: 1] })
        #expect(plan.newTouches.isEmpty)
        #expect(plan.doneToday == 1)
    }

    @Test func neverTouchedComeFirstWithinARank() {
        let contacts = [
            PlanContact(id: id(1), name: "Alice", stage: "want", lastInteraction: day("2026-02-01")),
            PlanContact(id: id(2), name: "Zed", stage: "want"),
        ]
        #expect(TodayPlanner.plan(input(contacts)).newTouches.map(\.name) == ["Zed"])
    }

    @Test func followUpDueUntilALaterInteraction() {
        let f = PlanFollowUp(interaction: id(50), contact: id(1), due: day("2026-03-01"), setOn: day("2026-02-20"), nextStep: "send CV")
        var contacts = [PlanContact(id: id(1), name: "Bob", stage: "active", lastInteraction: day("2026-02-20"))]
        var plan = TodayPlanner.plan(input(contacts) { $0.followUps = [f] })
        #expect(plan.followUps.map(\.name) == ["Bob"])
        #expect(plan.followUps[0].overdueDays == 1)
        #expect(plan.followUps[0].nextStep == "send CV")
        contacts[0].lastInteraction = day("2026-02-25")
        plan = TodayPlanner.plan(input(contacts) { $0.followUps = [f] })
        #expect(plan.followUps.isEmpty)
    }

    @Test func followUpInTheFutureIsNotDue() {
        let f = PlanFollowUp(interaction: id(50), contact: id(1), due: day("2026-03-03"), setOn: day("2026-02-20"))
        let plan = TodayPlanner.plan(input([PlanContact(id: id(1), name: "Bob", lastInteraction: day("2026-02-20"))]) { $0.followUps = [f] })
        #expect(plan.followUps.isEmpty)
    }

    @Test func keepInTouchIsLastInteractionPlusCadenceAndRestarts() {
        var c = PlanContact(id: id(1), name: "Carol", stage: "active", cadence: 14, lastInteraction: day("2026-02-10"))
        var plan = TodayPlanner.plan(input([c]))
        #expect(plan.keepInTouch.map(\.due) == [day("2026-02-24")])
        #expect(plan.keepInTouch[0].overdueDays == 6)
        c.lastInteraction = day("2026-02-27")  // any interaction restarts the clock
        plan = TodayPlanner.plan(input([c]))
        #expect(plan.keepInTouch.isEmpty)
    }

    @Test func ownCadenceWinsOverTagsAndNeverTouchedIsDueToday() {
        let own = PlanContact(id: id(1), name: "Own", cadence: 60, tagCadence: 7, lastInteraction: day("2026-02-20"))
        let tagged = PlanContact(id: id(2), name: "Tagged", tagCadence: 7, lastInteraction: day("2026-02-20"))
        let never = PlanContact(id: id(3), name: "Never", tagCadence: 30)
        let plan = TodayPlanner.plan(input([own, tagged, never]))
        #expect(plan.keepInTouch.map(\.name) == ["Tagged", "Never"])
        #expect(plan.keepInTouch[1].due == today)
        #expect(plan.keepInTouch[1].lastInteraction == nil)
    }

    @Test func staleOutreachOnlyForPendingAndOlderThanThreshold() {
        let contacts = [
            PlanContact(id: id(1), name: "Old", stage: "pending"),
            PlanContact(id: id(2), name: "Recent", stage: "pending"),
            PlanContact(id: id(3), name: "Answered", stage: "pending"),
            PlanContact(id: id(4), name: "Active", stage: "active"),
        ]
        let out = [
            PlanOutreach(interaction: id(11), contact: id(1), date: day("2026-02-20"), reason: "blog"),
            PlanOutreach(interaction: id(12), contact: id(2), date: day("2026-02-23")),  // 7 days: not more than 7
            PlanOutreach(interaction: id(13), contact: id(3), date: day("2026-02-01"), answered: day("2026-02-02")),
            PlanOutreach(interaction: id(14), contact: id(4), date: day("2026-02-01")),
        ]
        let plan = TodayPlanner.plan(input(contacts) { $0.outreach = out })
        #expect(plan.pending.map(\.name) == ["Old"])
        #expect(plan.pending[0].days == 10)
        #expect(plan.pending[0].reason == "blog")
    }

    @Test func meetingsTodayFlagMissingAskOrOfferAndOlderOnesWaitForDebrief() {
        let contacts = [
            PlanContact(id: id(1), name: "Prepared", stage: "docket", hasAsk: true, hasOffer: true),
            PlanContact(id: id(2), name: "Unprepared", stage: "docket", hasAsk: true),
        ]
        let meetings = [
            PlanMeeting(interaction: id(21), contact: id(2), date: today, time: "09:00", exitGoal: "an intro"),
            PlanMeeting(interaction: id(22), contact: id(1), date: today, time: "14:00"),
            PlanMeeting(interaction: id(23), contact: id(1), date: day("2026-02-27")),
        ]
        let plan = TodayPlanner.plan(input(contacts) { $0.meetings = meetings })
        #expect(plan.meetings.map(\.name) == ["Unprepared", "Prepared"])
        #expect(plan.meetings[0].missing == ["offer"])
        #expect(plan.meetings[1].missing.isEmpty)
        #expect(plan.toDebrief.map(\.interaction) == [id(23)])
        // Someone met today is not also picked for a new touch.
        #expect(plan.newTouches.map(\.name) == [])
    }
}
