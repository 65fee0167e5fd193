/// What setting a cadence did.
public struct CadenceOutcome: Hashable, Sendable {
    /// The contact or the tag.
    public var target: CadenceTarget
    /// Its display name.
    public var name: String
    /// The cadence now, `nil` when cleared.
    public var days: Int?
    /// For a contact with a cadence: its next due day (last interaction + cadence, today when never in touch).
    public var nextDue: CalendarDate?
}
