/// The day's plan: who to reach out to, who to follow up with, who is due a keep-in-touch, which
/// outreach went unanswered, which meetings are on, and how the pace is holding.
public struct TodayPlan: Hashable, Sendable {
    /// A contact picked for a new touch, with why it was picked.
    public struct Pick: Hashable, Sendable {
        /// The contact.
        public var contact: RecordID
        /// Display name.
        public var name: String
        /// Its stage (`want` or `docket`).
        public var stage: String?
        /// Why it ranks where it does, in rank order.
        public var why: [PickReason]
        /// A library reason not yet shared with this contact, least used first.
        public var suggestedReason: PlanReason?
    }

    /// A follow-up that is due (or overdue).
    public struct FollowUp: Hashable, Sendable {
        /// The contact.
        public var contact: RecordID
        /// Display name.
        public var name: String
        /// The follow-up date.
        public var due: CalendarDate
        /// Days past due (0 when due today).
        public var overdueDays: Int
        /// What is next, if written down.
        public var nextStep: String?
        /// The interaction that set it.
        public var interaction: RecordID
    }

    /// A contact due a keep-in-touch.
    public struct KeepInTouch: Hashable, Sendable {
        /// The contact.
        public var contact: RecordID
        /// Display name.
        public var name: String
        /// The cadence that applies, in days.
        public var cadence: Int
        /// The latest interaction, `nil` when there was none.
        public var lastInteraction: CalendarDate?
        /// `last interaction + cadence` (today when there was no interaction).
        public var due: CalendarDate
        /// Days past due.
        public var overdueDays: Int
    }

    /// An outreach with no answer for longer than the pending threshold.
    public struct Stale: Hashable, Sendable {
        /// The contact.
        public var contact: RecordID
        /// Display name.
        public var name: String
        /// When it went out.
        public var sent: CalendarDate
        /// Days since.
        public var days: Int
        /// What it said.
        public var reason: String?
        /// The interaction.
        public var interaction: RecordID
    }

    /// A planned meeting.
    public struct Meeting: Hashable, Sendable {
        /// The contact.
        public var contact: RecordID
        /// Display name.
        public var name: String
        /// The day.
        public var date: CalendarDate
        /// `HH:MM`, if set.
        public var time: String?
        /// The hub, if any.
        public var hub: String?
        /// What you aim to leave with.
        public var exitGoal: String?
        /// `ask`, `offer`: what is missing (then: don't bother until there is one).
        public var missing: [String]
        /// The interaction.
        public var interaction: RecordID
    }

    /// Advice to raise the daily target.
    public struct BranchOut: Hashable, Sendable {
        /// Days the current target was met in the window.
        public var metDays: Int
        /// The window, in days.
        public var windowDays: Int
        /// The target to move to.
        public var suggestedTarget: Int
    }

    /// Today.
    public var date: CalendarDate
    /// New touches a day.
    public var target: Int
    /// New touches logged today.
    public var doneToday: Int
    /// The contacts picked for the touches still to do today.
    public var newTouches: [Pick]
    /// Follow-ups due, most overdue first.
    public var followUps: [FollowUp]
    /// Keep-in-touch due, most overdue first.
    public var keepInTouch: [KeepInTouch]
    /// Outreach with no answer for more than ``pendingDays`` days, oldest first.
    public var pending: [Stale]
    /// The stale-outreach threshold.
    public var pendingDays: Int
    /// Meetings today, by time.
    public var meetings: [Meeting]
    /// Planned meetings of earlier days still waiting for their debrief.
    public var toDebrief: [Meeting]
    /// Consecutive days meeting the new-touch target.
    public var streak: Int
    /// Set once the target has been met on most days for two weeks.
    public var branchOut: BranchOut?

    // Agenda and imports (issue 11), filled in by the kit.
    /// Birthdays of the coming days (today first): reasons to reach out.
    public var birthdays: [AgendaItem] = []
    /// Recent job changes of contacts not in touch since: something to say.
    public var jobChanges: [JobChangeNote] = []
}
