/// Prep against connect time, per day or per week: the method asks for about half and half.
public struct PaceReport: Hashable, Sendable {
    /// How the rows are cut.
    public enum Granularity: String, Hashable, Sendable {
        /// One row per day.
        case day
        /// One row per week, weeks starting on Monday.
        case week
    }

    /// One bar of the chart.
    public struct Row: Hashable, Sendable {
        /// The first day of the row.
        public var start: CalendarDate
        /// The last day of the row.
        public var end: CalendarDate
        /// Prep minutes (intake, research, writing, follow-up plans).
        public var prep: Int
        /// Connect minutes (outreach, calls, meetings).
        public var connect: Int

        /// Prep's share of the total, `nil` when nothing was logged.
        public var prepShare: Double? { prep == 0 && connect == 0 ? nil : Double(prep) / (Double(prep) + Double(connect)) }
    }

    /// The healthy band for prep's share of the time.
    public static let balanced: ClosedRange<Double> = 0.40...0.60

    /// How the rows are cut.
    public var granularity: Granularity
    /// The rows, oldest first.
    public var rows: [Row]

    /// Total prep minutes (saturating).
    public var prep: Int { rows.reduce(0) { PaceReport.saturatingSum($0, $1.prep) } }
    /// Total connect minutes (saturating).
    public var connect: Int { rows.reduce(0) { PaceReport.saturatingSum($0, $1.connect) } }
    /// Prep's share of the total, `nil` when nothing was logged.
    public var prepShare: Double? { prep == 0 && connect == 0 ? nil : Double(prep) / (Double(prep) + Double(connect)) }

    static func saturatingSum(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b < 0 ? .min : .max) : sum
    }
    /// A warning when the share is outside ``balanced`` (40–60 %), `nil` when balanced or empty.
    public var warning: PaceWarning? {
        guard let share = prepShare else { return nil }
        if share < PaceReport.balanced.lowerBound { return .mostlyConnecting(prepShare: share) }
        if share > PaceReport.balanced.upperBound { return .mostlyPrepping(prepShare: share) }
        return nil
    }

    /// Monday of the week of `day`.
    public static func monday(of day: CalendarDate) -> CalendarDate {
        guard let n = day.dayNumber else { return day }
        let weekday = ((n + 3) % 7 + 7) % 7  // 1970-01-01 was a Thursday; Monday = 0.
        return CalendarDate(dayNumber: n - weekday)
    }

    /// Builds the report for the days `from...to`.
    ///
    /// - parameters:
    ///   - prep: `(day, minutes)` of each prep record.
    ///   - connect: `(day, minutes)` of each done interaction (see ``ConnectMinutes``).
    public static func build(from: CalendarDate, to: CalendarDate, granularity: Granularity,
                             prep: [(CalendarDate, Int)], connect: [(CalendarDate, Int)]) -> PaceReport {
        var rows: [Row] = []
        var start = granularity == .week ? monday(of: from) : from
        while start <= to {
            let end = granularity == .week ? start.adding(days: 6) : start
            rows.append(Row(start: start, end: end, prep: 0, connect: 0))
            start = end.adding(days: 1)
        }
        func index(_ day: CalendarDate) -> Int? {
            guard day >= from, day <= to, let first = rows.first?.start, let d = first.days(until: day) else { return nil }
            return granularity == .week ? d / 7 : d
        }
        // Inputs are sums of synced values: add with saturation so no input can trap.
        func add(_ total: inout Int, _ m: Int) {
            let (sum, overflow) = total.addingReportingOverflow(max(0, m))
            total = overflow ? .max : sum
        }
        for (day, m) in prep { if let i = index(day), rows.indices.contains(i) { add(&rows[i].prep, m) } }
        for (day, m) in connect { if let i = index(day), rows.indices.contains(i) { add(&rows[i].connect, m) } }
        return PaceReport(granularity: granularity, rows: rows)
    }
}
