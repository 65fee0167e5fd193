/// What a touch logged.
public struct TouchOutcome: Hashable, Sendable {
    /// The new interaction.
    public var interaction: RecordID
    /// ``InteractionKind/newTouch`` for the first outreach to the person, else ``InteractionKind/followUp``.
    public var kind: InteractionKind
    /// Its day.
    public var date: CalendarDate
    /// The contact's stage before.
    public var stageBefore: String?
    /// The contact's stage after (the same when unchanged).
    public var stageAfter: String?
    /// Whether this reason had already been used with this person (nobody should get the same one twice).
    public var reasonUsedBefore: Bool
    /// Whether it went out without something to say.
    public var forced: Bool
    /// `["ask", "offer"]` when the contact has neither an ask nor an offer (the touch is logged, but
    /// with neither it is not worth much yet: find one first); empty otherwise.
    public var missing: [String] = []
    /// Whether its day lies more than ``WorkflowLimits/distantDays`` before today: logged, but
    /// worth a second look (a mistyped year).
    public var distantDate = false
}
