/// What a debrief recorded.
public struct DebriefOutcome: Hashable, Sendable {
    /// The meeting marked done (or logged).
    public var interaction: RecordID
    /// Whether it was a planned meeting (else a meeting was logged now).
    public var wasPlanned: Bool
    /// The meeting's day.
    public var date: CalendarDate
    /// The follow-up date set.
    public var followUp: CalendarDate?
    /// The contact's stage before.
    public var stageBefore: String?
    /// The contact's stage after (active).
    public var stageAfter: String?
    /// The contacts added for ``Debrief/newPeople``, in order.
    public var created: [RecordID] = []
}
