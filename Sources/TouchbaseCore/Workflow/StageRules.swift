/// How the steps of the method move a contact through the stages
/// (`want` → `docket` → `pending` → `active`, and `dormant` when things went quiet).
///
/// Each rule returns the new stage, or `nil` when the stage stays as it is.
public enum StageRules {
    /// An outreach went out: the contact is pending (waiting for an answer).
    public static func afterTouch(_ stage: String?) -> String? { stage == "pending" ? nil : "pending" }

    /// The answer came: a pending, wishlist, dormant or unstaged contact becomes active; one on
    /// the docket stays there (the meeting is still planned).
    public static func afterReply(_ stage: String?) -> String? {
        switch stage {
        case "active", "docket": return nil
        default: return "active"
        }
    }

    /// A meeting was planned: a contact not yet as far as the docket (wishlist, dormant or
    /// unstaged) moves to the docket; pending and active contacts keep their stage.
    public static func afterMeetingPlanned(_ stage: String?) -> String? {
        switch stage {
        case nil, "want", "dormant": return "docket"
        default: return nil
        }
    }

    /// The meeting happened and was debriefed: the contact is active.
    public static func afterDebrief(_ stage: String?) -> String? { stage == "active" ? nil : "active" }
}
