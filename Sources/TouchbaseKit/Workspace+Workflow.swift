import Foundation
import TouchbaseStore

/// The steps of the networking method: touch, reply, meet, debrief, prep. Each checks its input,
/// writes one change and says what it did; nothing is written when it throws.
extension Workspace {
    /// Logs an outreach and moves the contact to pending. The first outreach to a person is a
    /// new touch, later ones follow-ups.
    ///
    /// - throws: ``WorkspaceError`` `.outOfRange` for minutes, `.dateInFuture` for a day after
    ///   today (an outreach is logged when it went out); the workflow error for an outreach
    ///   with nothing to say (no reason, nothing shared, not forced); the store's not-found error
    ///   for a missing contact.
    @discardableResult
    public func touch(_ input: TouchInput) throws -> TouchOutcome {
        let minutes = try WorkflowLimits.minutes(input.minutes)
        let date = input.date ?? today
        if date > today { throw WorkspaceError(.dateInFuture, field: "date") }
        let r = try store.logTouch(contact: input.contact, date: date, reasonText: input.reason, share: input.share, channel: input.channel,
                                   force: input.force, minutes: minutes, hub: input.hub)
        var outcome = TouchOutcome(interaction: r.interaction, kind: InteractionKind(rawValue: r.kind), date: date, stageBefore: r.stageBefore,
                                   stageAfter: r.stageAfter, reasonUsedBefore: r.reasonUsedBefore, forced: r.forced)
        if let person = try store.record("contact", id: input.contact), person.text("ask") == nil, person.text("offer") == nil {
            outcome.missing = ["ask", "offer"]
        }
        outcome.distantDate = date < today.adding(days: -WorkflowLimits.distantDays)
        return outcome
    }

    /// Records that a contact answered: the latest outreach still waiting is answered (its
    /// pending clock stops), a reply is logged, and the contact moves on.
    ///
    /// - throws: ``WorkspaceError`` `.dateInFuture` for a day after today.
    @discardableResult
    public func reply(_ input: ReplyInput) throws -> ReplyOutcome {
        let date = input.date ?? today
        if date > today { throw WorkspaceError(.dateInFuture, field: "date") }
        let r = try store.logReply(contact: input.contact, date: date, channel: input.channel, note: input.note)
        return ReplyOutcome(interaction: r.interaction, answered: r.answered, answeredSentOn: r.answeredSentOn, stageBefore: r.stageBefore,
                            stageAfter: r.stageAfter)
    }

    /// Puts a meeting on the docket. Think about the exit: a meeting needs what you aim to leave
    /// with. A contact not yet on the docket moves there; one without an ask or an offer is
    /// reported in ``MeetingOutcome/missing``. The others who will be there have answered: their
    /// outreach still waiting is answered today.
    ///
    /// - throws: ``WorkspaceError`` `.emptyValue` (field `exit`) without an exit, `.outOfRange` for a
    ///   kind that is not a meeting kind or for minutes, `.malformed` for a time, `.dateInPast`
    ///   for a day before today (a meeting that happened is debriefed with its day instead).
    @discardableResult
    public func planMeeting(_ plan: MeetingPlan) throws -> MeetingOutcome {
        _ = try MeetingPlan.kind(parsing: plan.kind.rawValue)
        let goal = plan.exitGoal.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !goal.isEmpty else { throw WorkspaceError(.emptyValue, field: "exit") }
        let minutes = try WorkflowLimits.minutes(plan.minutes)
        let time = try plan.time.map(DateParser.time)
        if plan.date < today { throw WorkspaceError(.dateInPast, field: "date") }
        let r = try store.planMeeting(contact: plan.contact, date: plan.date, time: time, exitGoal: goal, hub: plan.hub,
                                      others: plan.others.filter { $0 != plan.contact }, kind: plan.kind.rawValue, minutes: minutes,
                                      answeredOn: today)
        var outcome = MeetingOutcome(interaction: r.interaction, stageBefore: r.stageBefore, stageAfter: r.stageAfter, missing: r.missing)
        outcome.distantDate = plan.date > today.adding(days: WorkflowLimits.distantDays)
        return outcome
    }

    /// The planned meeting a debrief of `contact` on `date` (today when `nil`) is about: the latest
    /// planned on or before that day, else the earliest planned after it; `nil` when none is planned.
    public func plannedMeeting(contact: RecordID, on date: CalendarDate? = nil) throws -> Interaction? {
        try store.plannedMeeting(contact: contact, date: date ?? today).map(Interaction.init)
    }

    /// After the meeting: marks the planned meeting done with the debrief (or logs a meeting when
    /// none was planned), sets the follow-up and makes the contact active.
    ///
    /// A second debrief never logs a phantom meeting: with no meeting planned, no day given
    /// (``Debrief/date`` `nil`) and the latest meeting of the last ``redebriefDays`` days already
    /// done, it is refused; give the day of a new meeting to log one. The others who were there
    /// count as met (their waiting outreach is answered and they become active);
    /// ``Debrief/newPeople`` are added as contacts in the same edit.
    ///
    /// - throws: the workflow error for a debrief with neither what was learned nor what is next;
    ///   ``WorkspaceError`` `.outOfRange` for minutes, `.dateInFuture` for a day after today,
    ///   `.alreadyDebriefed` (detail: the meeting's id in hex) as above, `.emptyValue` (field
    ///   `name`) for an empty new name.
    @discardableResult
    public func debrief(_ d: Debrief) throws -> DebriefOutcome {
        let minutes = try WorkflowLimits.minutes(d.minutes)
        let date = d.date ?? today
        if date > today { throw WorkspaceError(.dateInFuture, field: "date") }
        if d.date == nil, try store.plannedMeeting(contact: d.contact, date: date) == nil {
            let ids = try store.aliases(of: d.contact, entity: "contact")
            if let done = try store.latestDoneMeeting(of: ids, from: date.adding(days: -Workspace.redebriefDays), through: date) {
                throw WorkspaceError(.alreadyDebriefed, field: "date", detail: done.id.hex)
            }
        }
        var created: [RecordID] = []
        var extra: [Op] = []
        for name in d.newPeople {
            guard let n = FieldNormalizer.text(name) else { throw WorkspaceError(.emptyValue, field: "name") }
            let id = store.environment.makeRecordID()
            created.append(id)
            extra += RecordOps.put("contact", id, [("name", .text(n)), ("stage", .text(StageRules.afterDebrief(nil) ?? Stage.initial.rawValue)),
                                                   ("voter", .text(Voter.initial.rawValue)), ("source", .text("met with a contact"))])
        }
        let ops = WorkflowOps.Debrief(others: d.others.filter { $0 != d.contact } + created, learned: d.learned, nextStep: d.nextStep,
                                      followUp: d.followUp, outcome: d.outcome, minutes: minutes)
        let r = try store.debrief(contact: d.contact, date: date, ops, before: extra)
        return DebriefOutcome(interaction: r.interaction, wasPlanned: r.wasPlanned, date: r.date, followUp: ops.followUp,
                              stageBefore: r.stageBefore, stageAfter: r.stageAfter, created: created)
    }

    /// How many days back a done meeting makes a debrief without a planned meeting or a day a
    /// second debrief of it (refused as ``WorkspaceError/Code/alreadyDebriefed``).
    public static let redebriefDays = 7

    /// Logs prep time; returns the new record's id.
    ///
    /// - throws: ``WorkspaceError`` `.emptyValue` (field `what`) or `.outOfRange` (field `minutes`).
    @discardableResult
    public func logPrep(_ input: PrepInput) throws -> RecordID {
        try input.validate()
        let id = store.environment.makeRecordID()
        try store.commit(WorkflowOps.prep(id, what: input.what, minutes: input.minutes, date: input.date ?? today))
        return id
    }
}
