/// One dated thing on the agenda: a planned meeting, a follow-up, a keep-in-touch date, a
/// birthday, a hub session, an opportunity's next step.
public struct AgendaItem: Hashable, Sendable {
    /// What kind of date it is.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// A planned meeting (``AgendaItem/detail`` is its exit).
        case meeting
        /// A follow-up set by a debrief (``AgendaItem/detail`` is what is next).
        case followUp = "follow-up"
        /// Last interaction + cadence.
        case keepInTouch = "keep-in-touch"
        /// A contact's birthday (``AgendaItem/age`` when the year is known).
        case birthday
        /// A session of a hub, from its schedule.
        case hubSession = "hub-session"
        /// An opportunity's next step (filled by the opportunities' source).
        case opportunityStep = "opportunity-step"
    }

    /// What kind of date it is.
    public var kind: Kind
    /// The day.
    public var date: CalendarDate
    /// The local start time, `HH:MM`, for a timed item.
    public var time: String?
    /// How long a timed item lasts, in minutes.
    public var minutes: Int?
    /// Who or what: the contact's or the hub's name (an opportunity's role and organisation).
    public var title: String
    /// The exit of a meeting, the next step of a follow-up, a hub's schedule as written.
    public var detail: String?
    /// Where: the hub of a meeting, a hub's location.
    public var place: String?
    /// The contact concerned.
    public var contact: RecordID?
    /// The hub concerned.
    public var hub: RecordID?
    /// The record the item comes from: the interaction, the contact, the hub, the opportunity.
    public var record: RecordID
    /// Days it is past due, for a follow-up or keep-in-touch due before the agenda starts.
    public var overdueDays: Int
    /// The age a birthday turns, when the year of birth is known.
    public var age: Int?

    /// Creates an item.
    public init(kind: Kind, date: CalendarDate, time: String? = nil, minutes: Int? = nil, title: String, detail: String? = nil,
                place: String? = nil, contact: RecordID? = nil, hub: RecordID? = nil, record: RecordID, overdueDays: Int = 0, age: Int? = nil) {
        self.kind = kind
        self.date = date
        self.time = time
        self.minutes = minutes
        self.title = title
        self.detail = detail
        self.place = place
        self.contact = contact
        self.hub = hub
        self.record = record
        self.overdueDays = overdueDays
        self.age = age
    }

    /// A stable identity: the same item keeps it on every device and in every export (a calendar
    /// subscription updates the event instead of adding a second one). Built from the kind and
    /// the record id, plus the day for the sessions of a hub.
    public var uid: String {
        switch kind {
        case .hubSession: return "\(kind.rawValue)-\(record.hex)-\(date.description)"
        default: return "\(kind.rawValue)-\(record.hex)"
        }
    }

    /// Agenda order: by day, timed items by time before untimed ones, then by kind and title.
    public static func ordered(_ a: AgendaItem, _ b: AgendaItem) -> Bool {
        let ak = Kind.allCases.firstIndex(of: a.kind)!, bk = Kind.allCases.firstIndex(of: b.kind)!
        return (a.date, a.time ?? "99:99", ak, a.title.lowercased(), a.record) < (b.date, b.time ?? "99:99", bk, b.title.lowercased(), b.record)
    }
}
