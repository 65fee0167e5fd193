import Testing
import TouchbaseCore
import TouchbaseTestSupport

/// Synced numbers at the edge of their range (settings, minutes) are clamped for display and never
/// overflow a report (SPEC, "Value rules").
@Suite struct WorkflowRangeTests {
    static let max = String(Int64.max)

    @Test func settingsOutOfRangeAreClamped() {
        let s = WorkflowSettings(values: [WorkflowSettings.targetKey: Self.max, WorkflowSettings.pendingDaysKey: Self.max,
                                          WorkflowSettings.mixDaysKey: Self.max, "minutes.meeting": Self.max])
        #expect(s.targets.current == 50)
        #expect(s.pendingDays == 365)
        #expect(s.mixDays == 3650)
        #expect(s.minutes.minutes(kind: "meeting", own: nil) == 1440)
        #expect(TargetHistory("2024-01-01:\(Self.max)")?.current == 50)
        // Advice to branch out from the clamped target never overflows.
        let today = CalendarDate(year: 2026, month: 1, day: 20)!
        var counts: [CalendarDate: Int] = [:]
        for back in 0..<14 { counts[today.adding(days: -back)] = 60 }
        #expect(Streak.branchOut(counts: counts, target: s.targets.current, today: today)?.suggestedTarget == 51)
    }

    @Test func minutesOfOneRecordAreClampedToADay() {
        let m = ConnectMinutes()
        #expect(m.minutes(kind: "meeting", own: .max) == 1440)
        #expect(m.minutes(kind: "meeting", own: .min) == 0)
    }

    @Test func paceTotalsSaturateInsteadOfTrapping() {
        let day = CalendarDate(year: 2026, month: 1, day: 5)!
        let report = PaceReport.build(from: day, to: day, granularity: .week, prep: [(day, .max), (day, .max)],
                                      connect: [(day, .max), (day, 5)])
        #expect(report.prep == .max)
        #expect(report.connect == .max)
        #expect(report.prepShare == 0.5)
    }
}
