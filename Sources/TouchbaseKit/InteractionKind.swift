/// What kind of interaction a record is: an outreach, a meeting, a reply, a note.
///
/// A kind written by a newer version is kept as ``unknown(_:)`` with its raw text, so reading and
/// writing it back never changes it.
public enum InteractionKind: Hashable, Sendable, CustomStringConvertible {
    /// The first outreach to a person.
    case newTouch
    /// A later outreach.
    case followUp
    /// A meeting.
    case meeting
    /// An informational interview.
    case informational
    /// An event where you met.
    case event
    /// An answer that came in.
    case reply
    /// A note (no contact time).
    case note
    /// A kind this version does not know, with its stored text.
    case unknown(String)

    /// The kinds this version knows, in the order a client lists them.
    public static let known: [InteractionKind] = [.newTouch, .followUp, .meeting, .informational, .event, .reply, .note]

    /// The kinds a meeting can be planned as.
    public static let meetingKinds: [InteractionKind] = [.meeting, .informational, .event]

    /// The kind stored as `rawValue`; an unknown text becomes ``unknown(_:)``.
    public init(rawValue: String) {
        self = InteractionKind.known.first { $0.rawValue == rawValue } ?? .unknown(rawValue)
    }

    /// The stored text (`new-touch`, `meeting`, …).
    public var rawValue: String {
        switch self {
        case .newTouch: return "new-touch"
        case .followUp: return "follow-up"
        case .meeting: return "meeting"
        case .informational: return "informational"
        case .event: return "event"
        case .reply: return "reply"
        case .note: return "note"
        case .unknown(let raw): return raw
        }
    }

    /// Whether this is an outreach (a touch): a new touch or a follow-up.
    public var isOutreach: Bool { self == .newTouch || self == .followUp }

    /// Whether a meeting can be planned as this kind.
    public var isMeetingKind: Bool { InteractionKind.meetingKinds.contains(self) }

    public var description: String { rawValue }
}
