import Testing
import TouchbaseCore

/// The streak of days meeting the new-touch target, and when to branch out.
@Suite struct WorkflowStreakTests {
    let today = CalendarDate("2026-03-15")!

    func counts(_ days: [Int: Int]) -> [CalendarDate: Int] {
        Dictionary(uniqueKeysWithValues: days.map { (today.adding(days: -$0.key), $0.value) })
    }

    @Test func streakEndsYesterdayUntilTodayIsMet() {
        let c = counts([1: 1, 2: 1, 3: 1, 5: 1])
        #expect(Streak.current(counts: c, targets: TargetHistory(), today: today) == 3)
        var withToday = c
        withToday[today] = 1
        #expect(Streak.current(counts: withToday, targets: TargetHistory(), today: today) == 4)
        #expect(Streak.current(counts: [:], targets: TargetHistory(), today: today) == 0)
    }

    @Test func eachDayIsMeasuredAgainstItsOwnTarget() {
        // Target 1 until three days ago, 2 since.
        let history = TargetHistory().setting(2, from: today.adding(days: -2))
        #expect(history.target(on: today.adding(days: -3)) == 1)
        #expect(history.target(on: today) == 2)
        let c = counts([1: 2, 2: 2, 3: 1, 4: 1])
        #expect(Streak.current(counts: c, targets: history, today: today) == 4)
        #expect(Streak.current(counts: counts([1: 1, 2: 2]), targets: history, today: today) == 0)
    }

    @Test func targetHistoryRoundTripsThroughText() throws {
        let h = TargetHistory().setting(2, from: CalendarDate("2026-03-01")!).setting(3, from: CalendarDate("2026-03-09")!)
        #expect(h.description == "2026-02-28:1,2026-03-01:2,2026-03-09:3")
        #expect(TargetHistory(h.description) == h)
        #expect(TargetHistory("2")?.current == 2)
        #expect(TargetHistory("zero") == nil)
        #expect(TargetHistory("0") == nil)
        // Setting the same target again changes nothing.
        #expect(h.setting(3, from: CalendarDate("2026-03-10")!) == h)
    }

    @Test func branchOutAfterTenOfFourteenDays() {
        var days: [Int: Int] = [:]
        for d in 1...9 { days[d] = 1 }
        #expect(Streak.branchOut(counts: counts(days), target: 1, today: today) == nil)
        days[12] = 1
        let advice = Streak.branchOut(counts: counts(days), target: 1, today: today)
        #expect(advice?.metDays == 10)
        #expect(advice?.suggestedTarget == 2)
        // Days outside the window do not count.
        var old = days
        old[12] = nil
        old[20] = 1
        #expect(Streak.branchOut(counts: counts(old), target: 1, today: today) == nil)
        // Raising the target restarts the count against the new one.
        #expect(Streak.branchOut(counts: counts(days), target: 2, today: today) == nil)
    }

    @Test func planCarriesStreakAndAdvice() {
        var days: [Int: Int] = [:]
        for d in 0...13 { days[d] = 1 }
        let plan = TodayPlanner.plan(TodayInput(today: today, newTouchesByDay: counts(days)))
        #expect(plan.streak == 14)
        #expect(plan.branchOut?.metDays == 14)
        #expect(plan.doneToday == 1)
    }
}
