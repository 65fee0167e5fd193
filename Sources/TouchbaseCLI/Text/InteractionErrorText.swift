import TouchbaseCore
import TouchbaseKit

/// The terminal's words for the kit's refusals about interactions: dates that look wrong, a
/// meeting that is no longer planned, a second debrief.
enum InteractionErrorText {
    /// A meeting planned (or moved) before today.
    static func pastMeeting(_ date: CalendarDate, today: CalendarDate, contact: String?) -> String {
        let who = contact.map(WorkflowSupport.shellWord) ?? "CONTACT"
        return "\(date) is in the past (today is \(today)): a meeting is planned for today or later. "
            + "To log a meeting that happened, debrief it: touchbase debrief \(who) --on \(date) --learned …"
    }

    /// Something that happened (a touch, a reply, a debrief) dated after today.
    static func futureDate(_ date: CalendarDate, today: CalendarDate, what: String) -> String {
        "\(date) is in the future (today is \(today)): \(what) is logged on the day it happened. "
            + "To plan something, use touchbase meet … --on \(date), or a follow-up date (--follow-up)"
    }

    /// Minutes below zero or above a day.
    static func minutes(_ n: Int) -> String {
        n < 0 ? "--minutes cannot be negative (\(n)): give the connect minutes it took, from \(WorkflowLimits.minutes.lowerBound) to \(WorkflowLimits.minutes.upperBound)"
              : WorkflowText.minutesOutOfRange(n, WorkflowLimits.minutes)
    }

    /// A cancel or reschedule of an interaction that is not a planned meeting.
    static func notPlanned(_ e: InteractionEntry, status: String?) -> String {
        let what = "the \(InteractionText.kind(e.interaction.kind)) \(e.handle) of \(e.interaction.date?.description ?? "no date")"
        switch status {
        case "cancelled": return "\(what) is already cancelled"
        case "done": return "\(what) is done, not planned: only a planned meeting can be cancelled or rescheduled "
            + "(to correct it: touchbase log edit \(e.handle) …, to remove it: touchbase log rm \(e.handle))"
        default: return "\(what) is not a planned meeting"
        }
    }

    /// A debrief with nothing planned while the latest meeting is already debriefed.
    static func alreadyDebriefed(_ meeting: InteractionEntry?, contact: String) -> String {
        let who = WorkflowSupport.shellWord(contact)
        let when = meeting?.interaction.date?.description ?? "recently"
        let handle = meeting?.handle ?? "HANDLE"
        return "the meeting of \(when) with \(contact) is already debriefed and no other meeting is planned. "
            + "To change that debrief: touchbase log edit \(handle) --learned … --next …; "
            + "to log another meeting that happened: touchbase debrief \(who) --on DATE …"
    }

    /// A kit error met by `log edit` and friends, in words (nil when it is not one of theirs).
    static func message(_ e: WorkspaceError, date: CalendarDate?, today: CalendarDate) -> String? {
        switch e.code {
        case .dateInPast:
            return "\(date?.description ?? "that day") is in the past (today is \(today)): a planned meeting moves to today or later"
        case .dateInFuture:
            return "\(date?.description ?? "that day") is in the future (today is \(today)): only a planned meeting or a note can be dated ahead"
        case .outOfRange where e.field == "kind":
            return "a planned meeting is a meeting, informational or event (--kind)"
        case .emptyValue:
            return "nothing to change: give a field to change (see touchbase log edit --help)"
        default:
            return nil
        }
    }
}
