/// What a reply logged.
public struct ReplyOutcome: Hashable, Sendable {
    /// The reply interaction.
    public var interaction: RecordID
    /// The outreach it answered, `nil` when none was waiting.
    public var answered: RecordID?
    /// When that outreach went out.
    public var answeredSentOn: CalendarDate?
    /// The contact's stage before.
    public var stageBefore: String?
    /// The contact's stage after.
    public var stageAfter: String?
}
