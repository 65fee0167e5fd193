import TouchbaseCore

/// One event of an iCalendar export (RFC 5545 `VEVENT`).
public struct ICalendarEvent: Hashable, Sendable {
    /// When an event starts.
    public enum Start: Hashable, Sendable {
        /// An all-day event on a day (`DTSTART;VALUE=DATE`), lasting ``ICalendarEvent/days`` days.
        case allDay(CalendarDate)
        /// A timed event at an instant, in seconds since 1970 (written in UTC), lasting
        /// ``ICalendarEvent/minutes`` minutes.
        case utc(seconds: Int64)
    }

    /// The stable identity of the event (an update of the same item keeps it).
    public var uid: String
    /// The title.
    public var summary: String
    /// Longer text, if any.
    public var description: String?
    /// Where, if known.
    public var location: String?
    /// When it starts.
    public var start: Start
    /// The length of a timed event, in minutes.
    public var minutes: Int
    /// A yearly recurrence (`RRULE:FREQ=YEARLY`), for birthdays.
    public var yearly: Bool
    /// Categories (`CATEGORIES`), e.g. the item's kind.
    public var categories: [String]

    /// Creates an event.
    public init(uid: String, summary: String, description: String? = nil, location: String? = nil, start: Start, minutes: Int = 60,
                yearly: Bool = false, categories: [String] = []) {
        self.uid = uid
        self.summary = summary
        self.description = description
        self.location = location
        self.start = start
        self.minutes = minutes
        self.yearly = yearly
        self.categories = categories
    }
}
