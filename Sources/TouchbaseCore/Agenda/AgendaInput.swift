/// Everything the agenda is computed from, read by the Store; ``AgendaPlanner`` turns it into
/// ``AgendaItem``s without any I/O.
public struct AgendaInput: Hashable, Sendable {
    /// A hub with a schedule.
    public struct Hub: Hashable, Sendable {
        public var id: RecordID
        public var name: String
        /// The schedule as written.
        public var schedule: String
        public var location: String?

        /// Creates a hub.
        public init(id: RecordID, name: String, schedule: String, location: String? = nil) {
            self.id = id
            self.name = name
            self.schedule = schedule
            self.location = location
        }
    }

    /// A planned meeting with its connect minutes.
    public struct Meeting: Hashable, Sendable {
        public var meeting: PlanMeeting
        public var minutes: Int?

        /// Creates a meeting.
        public init(_ meeting: PlanMeeting, minutes: Int? = nil) {
            self.meeting = meeting
            self.minutes = minutes
        }
    }

    /// The first day.
    public var from: CalendarDate
    /// The last day.
    public var through: CalendarDate
    /// The visible contacts (cadences, latest interaction).
    public var contacts: [RecordID: PlanContact]
    /// Birthdays of visible contacts.
    public var birthdays: [RecordID: CalendarDate]
    /// Open follow-ups due on or before ``through``.
    public var followUps: [PlanFollowUp]
    /// Planned meetings from ``from`` through ``through``.
    public var meetings: [Meeting]
    /// Visible hubs with a schedule.
    public var hubs: [Hub]

    /// Creates an input.
    public init(from: CalendarDate, through: CalendarDate, contacts: [RecordID: PlanContact] = [:], birthdays: [RecordID: CalendarDate] = [:],
                followUps: [PlanFollowUp] = [], meetings: [Meeting] = [], hubs: [Hub] = []) {
        self.from = from
        self.through = through
        self.contacts = contacts
        self.birthdays = birthdays
        self.followUps = followUps
        self.meetings = meetings
        self.hubs = hubs
    }
}
