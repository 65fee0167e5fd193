/// After a meeting: who was there, what you learned, what is next, when to follow up.
///
/// It needs at least what was learned or what is next.
public struct Debrief: Hashable, Sendable {
    /// The contact you met.
    public var contact: RecordID
    /// The day of the meeting when none was planned; `nil` for today. Given, it may log a new
    /// meeting even when the latest one is already debriefed.
    public var date: CalendarDate?
    /// Others who were there (the contact itself is left out).
    public var others: [RecordID]
    /// What you learned.
    public var learned: String?
    /// What is next.
    public var nextStep: String?
    /// When to follow up.
    public var followUp: CalendarDate?
    /// How it went, in a line.
    public var outcome: String?
    /// Connect minutes it took; `nil` for the kind's.
    public var minutes: Int?
    /// People who were there and are not contacts yet, by name: added as contacts (active, met
    /// with this contact) in the same edit, and counted among the others.
    public var newPeople: [String] = []

    /// Creates a debrief.
    public init(contact: RecordID, date: CalendarDate? = nil, others: [RecordID] = [], learned: String? = nil, nextStep: String? = nil,
                followUp: CalendarDate? = nil, outcome: String? = nil, minutes: Int? = nil) {
        self.contact = contact
        self.date = date
        self.others = others
        self.learned = learned
        self.nextStep = nextStep
        self.followUp = followUp
        self.outcome = outcome
        self.minutes = minutes
    }
}
