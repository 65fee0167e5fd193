/// A contact as the day's plan sees it: a few fields and what has happened with them.
public struct PlanContact: Hashable, Sendable {
    /// The contact (the survivor, for merged duplicates).
    public var id: RecordID
    /// Display name.
    public var name: String
    /// `want`, `docket`, `pending`, `active`, `dormant`, or `nil` when not staged.
    public var stage: String?
    /// `set`, `swing`, `unknown` or `nil`.
    public var voter: String?
    /// Whether a specific ask is written down.
    public var hasAsk: Bool
    /// Whether an offer is written down.
    public var hasOffer: Bool
    /// The contact's own keep-in-touch cadence, in days.
    public var cadence: Int?
    /// The shortest cadence among the contact's tags, in days.
    public var tagCadence: Int?
    /// The day of the latest logged (done) interaction of any kind.
    public var lastInteraction: CalendarDate?
    /// Library reasons already shared with this contact.
    public var usedReasons: Set<RecordID>

    /// Creates a contact summary.
    public init(id: RecordID, name: String, stage: String? = nil, voter: String? = nil, hasAsk: Bool = false, hasOffer: Bool = false,
                cadence: Int? = nil, tagCadence: Int? = nil, lastInteraction: CalendarDate? = nil, usedReasons: Set<RecordID> = []) {
        self.id = id
        self.name = name
        self.stage = stage
        self.voter = voter
        self.hasAsk = hasAsk
        self.hasOffer = hasOffer
        self.cadence = cadence
        self.tagCadence = tagCadence
        self.lastInteraction = lastInteraction
        self.usedReasons = usedReasons
    }

    /// The cadence that applies: the contact's own, else its tags'.
    public var effectiveCadence: Int? {
        if let c = cadence, c > 0 { return c }
        if let t = tagCadence, t > 0 { return t }
        return nil
    }
}

/// An interaction that carries a follow-up date.
public struct PlanFollowUp: Hashable, Sendable {
    /// The interaction.
    public var interaction: RecordID
    /// Its contact (survivor).
    public var contact: RecordID
    /// When to follow up.
    public var due: CalendarDate
    /// The day of the interaction that set it.
    public var setOn: CalendarDate?
    /// What is next, if written down.
    public var nextStep: String?

    /// Creates a follow-up.
    public init(interaction: RecordID, contact: RecordID, due: CalendarDate, setOn: CalendarDate?, nextStep: String? = nil) {
        self.interaction = interaction
        self.contact = contact
        self.due = due
        self.setOn = setOn
        self.nextStep = nextStep
    }
}

/// An outreach (new touch or follow-up, direction out).
public struct PlanOutreach: Hashable, Sendable {
    /// The interaction.
    public var interaction: RecordID
    /// Its contact (survivor).
    public var contact: RecordID
    /// When it went out.
    public var date: CalendarDate
    /// What it said.
    public var reason: String?
    /// When the answer came, `nil` while none did.
    public var answered: CalendarDate?

    /// Creates an outreach.
    public init(interaction: RecordID, contact: RecordID, date: CalendarDate, reason: String? = nil, answered: CalendarDate? = nil) {
        self.interaction = interaction
        self.contact = contact
        self.date = date
        self.reason = reason
        self.answered = answered
    }
}

/// A planned meeting.
public struct PlanMeeting: Hashable, Sendable {
    /// The interaction.
    public var interaction: RecordID
    /// Its contact (survivor).
    public var contact: RecordID
    /// The day.
    public var date: CalendarDate
    /// `HH:MM`, if set.
    public var time: String?
    /// The hub's name, if the meeting is at one.
    public var hub: String?
    /// What you aim to leave with.
    public var exitGoal: String?

    /// Creates a meeting.
    public init(interaction: RecordID, contact: RecordID, date: CalendarDate, time: String? = nil, hub: String? = nil, exitGoal: String? = nil) {
        self.interaction = interaction
        self.contact = contact
        self.date = date
        self.time = time
        self.hub = hub
        self.exitGoal = exitGoal
    }
}

/// A reason in the library.
public struct PlanReason: Hashable, Sendable {
    /// The reason record.
    public var id: RecordID
    /// What to share.
    public var text: String
    /// With how many contacts it was shared already.
    public var uses: Int

    /// Creates a library reason.
    public init(id: RecordID, text: String, uses: Int = 0) {
        self.id = id
        self.text = text
        self.uses = uses
    }
}

/// Everything the day's plan is computed from. The Store reads it in a few set-based queries;
/// ``TodayPlanner`` turns it into a ``TodayPlan`` without any I/O.
public struct TodayInput: Hashable, Sendable {
    /// Today.
    public var today: CalendarDate
    /// The synced settings (target, pending days).
    public var settings: WorkflowSettings
    /// The visible contacts, by id.
    public var contacts: [RecordID: PlanContact]
    /// Interactions with a follow-up date on or before today.
    public var followUps: [PlanFollowUp]
    /// The outreach of contacts at stage `pending` (the latest of each contact is enough).
    public var outreach: [PlanOutreach]
    /// Planned meetings on or before today.
    public var meetings: [PlanMeeting]
    /// New touches logged per day.
    public var newTouchesByDay: [CalendarDate: Int]
    /// The reason library.
    public var reasons: [PlanReason]

    /// Creates an input.
    public init(today: CalendarDate, settings: WorkflowSettings = WorkflowSettings(), contacts: [RecordID: PlanContact] = [:],
                followUps: [PlanFollowUp] = [], outreach: [PlanOutreach] = [], meetings: [PlanMeeting] = [],
                newTouchesByDay: [CalendarDate: Int] = [:], reasons: [PlanReason] = []) {
        self.today = today
        self.settings = settings
        self.contacts = contacts
        self.followUps = followUps
        self.outreach = outreach
        self.meetings = meetings
        self.newTouchesByDay = newTouchesByDay
        self.reasons = reasons
    }
}
