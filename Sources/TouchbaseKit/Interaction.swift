import TouchbaseStore

/// A typed view of an interaction record: a touch, a reply, a meeting, a note.
///
/// Fields this version does not model (written by a newer version) stay in ``otherFields``, so a
/// view read and turned back into fields never drops them.
public struct Interaction: Hashable, Sendable, Identifiable {
    /// The record's id.
    public var id: RecordID
    /// The contact it is with.
    public var contact: RecordID?
    /// Its day.
    public var date: CalendarDate?
    /// `HH:MM`, when set.
    public var time: String?
    /// What kind it is; `nil` when the record has none.
    public var kind: InteractionKind?
    /// `out` or `in`.
    public var direction: String?
    /// How: email, phone, in person, …
    public var channel: String?
    /// What an outreach said.
    public var reason: String?
    /// The library reason it shared.
    public var reasonRef: RecordID?
    /// What a meeting aims to leave with.
    public var exitGoal: String?
    /// `planned`, `done` or `cancelled`.
    public var status: String?
    /// The hub it relates to.
    public var hub: RecordID?
    /// Others who were there.
    public var others: [RecordID]
    /// What was learned (a debrief).
    public var learned: String?
    /// What is next (a debrief).
    public var nextStep: String?
    /// When to follow up.
    public var followUp: CalendarDate?
    /// How it went.
    public var outcome: String?
    /// When an outreach was answered.
    public var answered: CalendarDate?
    /// Whether it went out without something to say.
    public var forced: Bool
    /// Its own connect minutes, when set.
    public var minutes: Int?
    /// Every other field, as stored.
    public var otherFields: [String: Value]

    /// The fields this view models.
    static let modelled: Set<String> = ["contact", "date", "time", "kind", "direction", "channel", "reason", "reasonRef", "exitGoal",
                                        "status", "hub", "others", "learned", "nextStep", "followUp", "outcome", "answered", "forced",
                                        "minutes"]

    /// The view of a stored interaction record.
    package init(_ record: Record) {
        let v = record.values
        id = record.id
        contact = v["contact"]?.ref
        date = v["date"]?.date
        time = v["time"]?.text
        kind = v["kind"]?.text.map(InteractionKind.init(rawValue:))
        direction = v["direction"]?.text
        channel = v["channel"]?.text
        reason = v["reason"]?.text
        reasonRef = v["reasonRef"]?.ref
        exitGoal = v["exitGoal"]?.text
        status = v["status"]?.text
        hub = v["hub"]?.ref
        others = v["others"]?.refs ?? []
        learned = v["learned"]?.text
        nextStep = v["nextStep"]?.text
        followUp = v["followUp"]?.date
        outcome = v["outcome"]?.text
        answered = v["answered"]?.date
        forced = v["forced"]?.bool ?? false
        minutes = v["minutes"]?.int.map { Int(clamping: $0) }
        otherFields = v.filter { !Interaction.modelled.contains($0.key) }
        // A modelled field holding a value of another type (a newer version's) is kept as stored.
        let rebuilt = fields
        for (key, value) in v where rebuilt[key] != value { otherFields[key] = value }
    }

    /// Every field of the view, as stored (unset fields left out), unknown ones included.
    public var fields: [String: Value] {
        var out = otherFields
        func put(_ key: String, _ value: Value?) { if let value, out[key] == nil { out[key] = value } }
        put("contact", contact.map(Value.ref))
        put("date", date.map(Value.date))
        put("time", time.map(Value.text))
        put("kind", kind.map { .text($0.rawValue) })
        put("direction", direction.map(Value.text))
        put("channel", channel.map(Value.text))
        put("reason", reason.map(Value.text))
        put("reasonRef", reasonRef.map(Value.ref))
        put("exitGoal", exitGoal.map(Value.text))
        put("status", status.map(Value.text))
        put("hub", hub.map(Value.ref))
        put("others", others.isEmpty ? nil : .refs(others))
        put("learned", learned.map(Value.text))
        put("nextStep", nextStep.map(Value.text))
        put("followUp", followUp.map(Value.date))
        put("outcome", outcome.map(Value.text))
        put("answered", answered.map(Value.date))
        put("forced", forced ? .bool(true) : nil)
        put("minutes", minutes.map { .int(Int64($0)) })
        return out
    }
}
