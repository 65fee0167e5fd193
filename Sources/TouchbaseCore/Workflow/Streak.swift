/// The pace of new touches: the current streak and when to branch out.
public enum Streak {
    /// The window over which the target must be sustained before branching out.
    public static let branchOutWindow = 14
    /// Days within the window on which the target must have been met ("most days": five a week).
    public static let branchOutDays = 10

    /// Consecutive days, ending today, on which the new-touch target of the day was met.
    ///
    /// Today counts once its target is met; until then the streak is the one ending yesterday
    /// (the day is not over). Each day is measured against the target that applied on it, so
    /// raising the target does not break the streak behind you.
    public static func current(counts: [CalendarDate: Int], targets: TargetHistory, today: CalendarDate) -> Int {
        var day = today
        if (counts[today] ?? 0) < targets.target(on: today) { day = today.adding(days: -1) }
        var streak = 0
        let earliest = counts.keys.filter { $0.year != nil }.min() ?? today
        while day >= earliest, (counts[day] ?? 0) >= targets.target(on: day), streak < 36_500 {
            streak += 1
            day = day.adding(days: -1)
        }
        return streak
    }

    /// Advice to raise the target, once the current target was met on at least
    /// ``branchOutDays`` of the last ``branchOutWindow`` days (the window ends today when today's
    /// target is met, else yesterday).
    public static func branchOut(counts: [CalendarDate: Int], target: Int, today: CalendarDate) -> TodayPlan.BranchOut? {
        let end = (counts[today] ?? 0) >= target ? today : today.adding(days: -1)
        var met = 0
        for back in 0..<branchOutWindow where (counts[end.adding(days: -back)] ?? 0) >= target { met += 1 }
        guard met >= branchOutDays else { return nil }
        return TodayPlan.BranchOut(metDays: met, windowDays: branchOutWindow, suggestedTarget: target + 1)
    }
}
