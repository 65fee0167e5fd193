/// A meeting to put on the docket, with what you aim to leave with (the exit).
public struct MeetingPlan: Hashable, Sendable {
    /// The contact you meet.
    public var contact: RecordID
    /// The day.
    public var date: CalendarDate
    /// The time, `HH:MM` (see ``DateParser/time(_:)``).
    public var time: String?
    /// What you aim to leave with: required.
    public var exitGoal: String
    /// Where.
    public var hub: RecordID?
    /// Others who will be there (the contact itself is left out).
    public var others: [RecordID]
    /// One of ``InteractionKind/meetingKinds``.
    public var kind: InteractionKind
    /// Connect minutes it will take; `nil` for the kind's.
    public var minutes: Int?

    /// Creates a meeting plan.
    public init(contact: RecordID, date: CalendarDate, exitGoal: String, time: String? = nil, hub: RecordID? = nil, others: [RecordID] = [],
                kind: InteractionKind = .meeting, minutes: Int? = nil) {
        self.contact = contact
        self.date = date
        self.exitGoal = exitGoal
        self.time = time
        self.hub = hub
        self.others = others
        self.kind = kind
        self.minutes = minutes
    }

    /// The meeting kind typed as text.
    ///
    /// - throws: ``WorkspaceError`` `.outOfRange` (field `kind`) unless one of ``InteractionKind/meetingKinds``.
    public static func kind(parsing text: String) throws -> InteractionKind {
        let kind = InteractionKind(rawValue: text)
        guard kind.isMeetingKind else {
            throw WorkspaceError(.outOfRange, field: "kind", detail: InteractionKind.meetingKinds.map(\.rawValue).joined(separator: ", "))
        }
        return kind
    }
}
