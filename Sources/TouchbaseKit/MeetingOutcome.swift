/// What planning a meeting recorded.
public struct MeetingOutcome: Hashable, Sendable {
    /// The planned meeting.
    public var interaction: RecordID
    /// The contact's stage before.
    public var stageBefore: String?
    /// The contact's stage after (a contact not yet on the docket moves there).
    public var stageAfter: String?
    /// `ask`, `offer`: what the contact lacks (then: don't bother until there is one).
    public var missing: [String]
    /// Whether its day lies more than ``WorkflowLimits/distantDays`` after today: planned, but
    /// worth a second look (a mistyped year).
    public var distantDate = false
}
