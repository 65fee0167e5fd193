/// The window of a pace report.
public enum PacePeriod: String, Hashable, Sendable, CaseIterable {
    /// The last 7 days, one row a day.
    case week
    /// The last 5 weeks, Monday to Sunday, one row a week.
    case month

    /// The first day of the window ending `today`.
    public func start(endingOn today: CalendarDate) -> CalendarDate {
        switch self {
        case .week: return today.adding(days: -6)
        case .month: return PaceReport.monday(of: today).adding(days: -28)
        }
    }

    /// How the rows are cut.
    public var granularity: PaceReport.Granularity { self == .week ? .day : .week }
}
