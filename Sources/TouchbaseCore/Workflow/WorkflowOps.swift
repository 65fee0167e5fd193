/// The puts behind each step of the networking method, built in one place so every client (the
/// terminal today, a phone app later) writes them the same way. Pure: ids and dates come in.
public enum WorkflowOps {
    /// Interaction kinds that count as outreach (a touch).
    public static let outreachKinds: Set<String> = ["new-touch", "follow-up"]

    /// What an outreach says.
    public struct Reason: Hashable, Sendable {
        /// The text.
        public var text: String?
        /// The library reason shared, if any.
        public var ref: RecordID?

        /// Creates a reason.
        public init(text: String?, ref: RecordID? = nil) {
            self.text = WorkflowText.nonBlank(text)
            self.ref = ref
        }

        /// Whether there is something to say.
        public var isEmpty: Bool { text == nil && ref == nil }
    }

    /// An outreach: an interaction (direction out, done) and the contact moved to pending.
    ///
    /// - parameters:
    ///   - firstTouch: whether no outreach or meeting happened with this contact before
    ///     (kind `new-touch`, else `follow-up`).
    ///   - stage: the contact's current stage.
    /// - throws: ``WorkflowError/nothingToSay(contact:)`` when `reason` is empty and `force` is off.
    public static func touch(interaction: RecordID, contact: RecordID, contactName: String, stage: String?, firstTouch: Bool,
                             date: CalendarDate, reason: Reason, channel: String?, force: Bool, minutes: Int? = nil,
                             hub: RecordID? = nil) throws -> [Op] {
        if reason.isEmpty && !force { throw WorkflowError.nothingToSay(contact: contactName) }
        var ops = RecordOps.put("interaction", interaction, [
            ("contact", .ref(contact)), ("date", .date(date)), ("kind", .text(firstTouch ? "new-touch" : "follow-up")),
            ("direction", .text("out")), ("channel", WorkflowText.nonBlank(channel).map(Value.text)),
            ("reason", reason.text.map(Value.text)), ("reasonRef", reason.ref.map(Value.ref)),
            ("forced", reason.isEmpty ? .bool(true) : nil), ("status", .text("done")),
            ("minutes", minutes.map { .int(Int64($0)) }), ("hub", hub.map(Value.ref)),
        ])
        if let s = StageRules.afterTouch(stage) { ops += RecordOps.put("contact", contact, [("stage", .text(s))]) }
        return ops
    }

    /// The answer came: the pending outreach is answered (its clock stops), a reply is logged,
    /// and the contact moves on (see ``StageRules/afterReply(_:)``).
    public static func reply(interaction: RecordID, contact: RecordID, stage: String?, date: CalendarDate,
                             answering outreach: RecordID?, channel: String?, note: String?) -> [Op] {
        var ops: [Op] = []
        if let outreach { ops += RecordOps.put("interaction", outreach, [("answered", .date(date))]) }
        ops += RecordOps.put("interaction", interaction, [
            ("contact", .ref(contact)), ("date", .date(date)), ("kind", .text("reply")), ("direction", .text("in")),
            ("channel", WorkflowText.nonBlank(channel).map(Value.text)), ("outcome", WorkflowText.nonBlank(note).map(Value.text)),
            ("status", .text("done")),
        ])
        if let s = StageRules.afterReply(stage) { ops += RecordOps.put("contact", contact, [("stage", .text(s))]) }
        return ops
    }

    /// A meeting on the docket (status planned) with what you aim to leave with.
    public static func meet(interaction: RecordID, contact: RecordID, stage: String?, date: CalendarDate, time: String?,
                            exitGoal: String, hub: RecordID?, others: [RecordID], kind: String = "meeting", minutes: Int? = nil) -> [Op] {
        var ops = RecordOps.put("interaction", interaction, [
            ("contact", .ref(contact)), ("date", .date(date)), ("time", WorkflowText.nonBlank(time).map(Value.text)),
            ("kind", .text(kind)), ("exitGoal", .text(WorkflowText.trimmed(exitGoal))), ("hub", hub.map(Value.ref)),
            ("others", others.isEmpty ? nil : .refs(others)), ("status", .text("planned")),
            ("minutes", minutes.map { .int(Int64($0)) }),
        ])
        if let s = StageRules.afterMeetingPlanned(stage) { ops += RecordOps.put("contact", contact, [("stage", .text(s))]) }
        return ops
    }

    /// What a debrief records.
    public struct Debrief: Hashable, Sendable {
        /// Who else was there.
        public var others: [RecordID]
        /// What you learned.
        public var learned: String?
        /// What is next.
        public var nextStep: String?
        /// When to follow up.
        public var followUp: CalendarDate?
        /// How it went, in a word or a line.
        public var outcome: String?
        /// How long it took (connect minutes).
        public var minutes: Int?

        /// Creates a debrief.
        public init(others: [RecordID] = [], learned: String? = nil, nextStep: String? = nil, followUp: CalendarDate? = nil,
                    outcome: String? = nil, minutes: Int? = nil) {
            self.others = others
            self.learned = WorkflowText.nonBlank(learned)
            self.nextStep = WorkflowText.nonBlank(nextStep)
            self.followUp = followUp
            self.outcome = WorkflowText.nonBlank(outcome)
            self.minutes = minutes
        }
    }

    /// After the meeting: the planned meeting is marked done with what was learned and what is
    /// next (or, when none was planned, a meeting is logged on `date`), and the contact is active.
    ///
    /// - parameters:
    ///   - meeting: the planned meeting's id, or a new id when `planned` is false.
    /// - throws: ``WorkflowError/emptyDebrief`` when neither learned nor next step is given.
    public static func debrief(meeting: RecordID, planned: Bool, contact: RecordID, stage: String?, date: CalendarDate,
                               _ d: Debrief) throws -> [Op] {
        guard d.learned != nil || d.nextStep != nil else { throw WorkflowError.emptyDebrief }
        var fields: [(String, Value?)] = [
            ("status", .text("done")), ("learned", d.learned.map(Value.text)), ("nextStep", d.nextStep.map(Value.text)),
            ("followUp", d.followUp.map(Value.date)), ("outcome", d.outcome.map(Value.text)),
            ("others", d.others.isEmpty ? nil : .refs(d.others)), ("minutes", d.minutes.map { .int(Int64($0)) }),
        ]
        if !planned {
            fields = [("contact", .ref(contact)), ("date", .date(date)), ("kind", .text("meeting"))] + fields
        }
        var ops = RecordOps.put("interaction", meeting, fields)
        if let s = StageRules.afterDebrief(stage) { ops += RecordOps.put("contact", contact, [("stage", .text(s))]) }
        return ops
    }

    /// Time spent preparing.
    public static func prep(_ id: RecordID, what: String, minutes: Int, date: CalendarDate) -> [Op] {
        RecordOps.put("prep", id, [("what", .text(WorkflowText.trimmed(what))), ("minutes", .int(Int64(minutes))), ("date", .date(date))])
    }

    /// A reason for the library.
    public static func reason(_ id: RecordID, text: String, url: String?) -> [Op] {
        RecordOps.put("reason", id, [("text", .text(WorkflowText.trimmed(text))), ("url", WorkflowText.nonBlank(url).map(Value.text))])
    }

    /// A synced setting (its id derived from the key, so the same key set on two devices is one record).
    public static func setting(_ key: String, _ value: String?) -> [Op] {
        let id = Schema.settingID(key)
        return [Op(entity: "setting", record: id, field: "key", value: .text(key)),
                Op(entity: "setting", record: id, field: "value", value: value.map(Value.text) ?? .null)]
    }

    /// A keep-in-touch cadence on a contact or a tag (`nil` clears it).
    public static func cadence(entity: String, _ id: RecordID, days: Int?) -> [Op] {
        [Op(entity: entity, record: id, field: "cadence", value: days.map { .int(Int64($0)) } ?? .null)]
    }
}
