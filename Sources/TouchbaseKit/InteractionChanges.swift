/// An edit of an interaction: only the fields given change (``FieldEdit``), in one edit.
///
/// Moving a planned meeting's day or time keeps it one meeting and says again that it is planned,
/// so a cancel made at the same time on another device shows as a conflict on its status.
public struct InteractionChanges: Hashable, Sendable {
    /// A new day.
    public var date: CalendarDate?
    /// A new time, `HH:MM` (``DateParser/time(_:)``).
    public var time: FieldEdit<String>?
    /// A new kind (one of ``InteractionKind/known``; a planned meeting keeps a meeting kind).
    public var kind: InteractionKind?
    /// How: email, phone, in person, …
    public var channel: FieldEdit<String>?
    /// What an outreach said.
    public var reason: FieldEdit<String>?
    /// What a meeting aims to leave with.
    public var exitGoal: FieldEdit<String>?
    /// What was learned.
    public var learned: FieldEdit<String>?
    /// What is next.
    public var nextStep: FieldEdit<String>?
    /// When to follow up.
    public var followUp: FieldEdit<CalendarDate>?
    /// How it went.
    public var outcome: FieldEdit<String>?
    /// Its own connect minutes (``WorkflowLimits/minutes``).
    public var minutes: FieldEdit<Int>?
    /// The hub it relates to.
    public var hub: FieldEdit<RecordID>?
    /// People added to the others who were there.
    public var addOthers: [RecordID] = []
    /// People taken off the others who were there.
    public var removeOthers: [RecordID] = []

    /// An edit that changes nothing yet.
    public init() {}

    /// Whether the edit changes nothing.
    public var isEmpty: Bool { self == InteractionChanges() }
}
