/// The dates of the coming days: meetings with their exit, follow-ups, keep-in-touch dates,
/// birthdays, hub sessions and opportunity steps.
public struct Agenda: Hashable, Sendable {
    /// A hub whose schedule could not be read as recurring sessions: it is kept as written.
    public struct UnparsedSchedule: Hashable, Sendable {
        /// The hub.
        public var hub: RecordID
        /// Its name.
        public var name: String
        /// The schedule as written.
        public var schedule: String
    }

    /// The first day (today).
    public var from: CalendarDate
    /// The last day.
    public var through: CalendarDate
    /// The items in agenda order; follow-ups and keep-in-touch dates already late come first,
    /// dated when they fell due (``AgendaItem/overdueDays`` says how late).
    public var items: [AgendaItem]
    /// Hubs with a schedule that does not read as recurring sessions.
    public var unparsedSchedules: [UnparsedSchedule]
}
