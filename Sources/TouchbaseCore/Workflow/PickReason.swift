/// Why the day's plan picked a contact for a new touch (see ``TodayPlanner``). A client words it.
public enum PickReason: Hashable, Sendable {
    /// A swing voter: someone with a mixed network (a founder, a boss, a freelancer).
    case swingVoter
    /// Both an ask and an offer are written down.
    case askAndOffer
    /// A library reason not yet shared with this contact: the reason's id.
    case unusedReason(RecordID)
}
