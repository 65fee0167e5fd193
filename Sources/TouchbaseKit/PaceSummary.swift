/// Prep against connect time over a window ending today.
public struct PaceSummary: Hashable, Sendable {
    /// The first day of the window.
    public var from: CalendarDate
    /// The last day (today).
    public var to: CalendarDate
    /// The rows, totals, share and warning.
    public var report: PaceReport
}
