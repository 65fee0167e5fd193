import Foundation
import GRDB
import TouchbaseCore

/// What `touch` logged.
public struct TouchResult: Hashable, Sendable {
    /// The new interaction.
    public var interaction: RecordID
    /// `new-touch` or `follow-up`.
    public var kind: String
    /// The stage before, and after (same when unchanged).
    public var stageBefore: String?
    public var stageAfter: String?
    /// Whether this reason had already been used with this person.
    public var reasonUsedBefore: Bool
    /// Whether it went out without a reason (forced).
    public var forced: Bool
}

/// What `reply` logged.
public struct ReplyResult: Hashable, Sendable {
    /// The reply interaction.
    public var interaction: RecordID
    /// The outreach it answered, and when that went out (`nil` when none was waiting).
    public var answered: RecordID?
    public var answeredSentOn: CalendarDate?
    public var stageBefore: String?
    public var stageAfter: String?
}

/// What `meet` planned.
public struct MeetingResult: Hashable, Sendable {
    /// The planned meeting.
    public var interaction: RecordID
    public var stageBefore: String?
    public var stageAfter: String?
    /// `ask`, `offer`: what the contact lacks.
    public var missing: [String]
}

/// What `debrief` recorded.
public struct DebriefResult: Hashable, Sendable {
    /// The meeting marked done (or logged).
    public var interaction: RecordID
    /// Whether it was a planned meeting (else one was logged now).
    public var wasPlanned: Bool
    /// Its day.
    public var date: CalendarDate
    public var stageBefore: String?
    public var stageAfter: String?
}

/// The steps of the method as Store edits: each reads what it needs, builds the puts with
/// ``WorkflowOps`` and commits them as one Change.
extension Store {
    /// Logs an outreach to `contact` and moves it to pending.
    ///
    /// - parameters:
    ///   - reasonText: what you say; when it matches a library reason exactly (ignoring case),
    ///     the reason is linked too.
    ///   - share: a library reason to share.
    /// - throws: ``WorkflowError/nothingToSay(contact:)`` without a reason and without `force`;
    ///   ``StoreError/notFound(entity:query:)`` when the contact is missing. Nothing is written then.
    @discardableResult
    public func logTouch(contact: RecordID, date: CalendarDate, reasonText: String? = nil, share: RecordID? = nil,
                         channel: String? = nil, force: Bool = false, minutes: Int? = nil, hub: RecordID? = nil) throws -> TouchResult {
        let (record, ids) = try visibleContact(contact)
        var reason = WorkflowOps.Reason(text: reasonText, ref: share)
        let (first, usedBefore) = try writer.read { db -> (Bool, Bool) in
            if reason.ref == nil, let text = reason.text,
               let id = try Data.fetchOne(db, sql: "SELECT id FROM reason WHERE deleted = 0 AND text = ? COLLATE NOCASE LIMIT 1", arguments: [text]) {
                reason.ref = ID128(bytes: [UInt8](id)).map(RecordID.init)
            }
            if let ref = reason.ref, reason.text == nil {
                reason.text = try String.fetchOne(db, sql: "SELECT text FROM reason WHERE id = ?", arguments: [Store.wfBlob(ref)])
            }
            let list = Store.inList(ids)
            let earlier = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM interaction WHERE deleted = 0 AND contact IN (\(list.sql))
                AND ((kind IN ('new-touch', 'follow-up') AND direction = 'out') OR (kind IN ('meeting', 'informational') AND COALESCE(status, 'done') = 'done'))
                """, arguments: list.args) ?? 0
            var used = false
            if !reason.isEmpty {
                used = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM interaction WHERE deleted = 0 AND contact IN (\(list.sql))
                    AND ((reasonRef IS NOT NULL AND reasonRef = ?) OR (reason IS NOT NULL AND reason = ? COLLATE NOCASE))
                    """, arguments: list.args + [reason.ref.map(Store.wfBlob), reason.text]) ?? 0 > 0
            }
            return (earlier == 0, used)
        }
        let id = environment.makeRecordID()
        let stage = record.text("stage")
        let ops = try WorkflowOps.touch(interaction: id, contact: record.id, contactName: record.displayName, stage: stage, firstTouch: first,
                                        date: date, reason: reason, channel: channel, force: force, minutes: minutes, hub: hub)
        try commit(ops)
        return TouchResult(interaction: id, kind: first ? "new-touch" : "follow-up", stageBefore: stage,
                           stageAfter: StageRules.afterTouch(stage) ?? stage, reasonUsedBefore: usedBefore, forced: reason.isEmpty)
    }

    /// The answer came: answers the latest outreach still waiting, logs a reply, moves the contact on.
    @discardableResult
    public func logReply(contact: RecordID, date: CalendarDate, channel: String? = nil, note: String? = nil) throws -> ReplyResult {
        let (record, ids) = try visibleContact(contact)
        let waiting = try writer.read { db -> (RecordID, CalendarDate?)? in
            let list = Store.inList(ids)
            guard let row = try Row.fetchOne(db, sql: """
                SELECT id, date, answered FROM interaction WHERE deleted = 0 AND contact IN (\(list.sql))
                AND kind IN ('new-touch', 'follow-up') AND direction = 'out' AND COALESCE(status, 'done') = 'done'
                ORDER BY date DESC, time DESC, id DESC LIMIT 1
                """, arguments: list.args), (row["answered"] as String?) == nil, let id = Store.wfID(row["id"]) else { return nil }
            return (id, Store.wfDate(row["date"]))
        }
        let id = environment.makeRecordID()
        let stage = record.text("stage")
        try commit(WorkflowOps.reply(interaction: id, contact: record.id, stage: stage, date: date, answering: waiting?.0, channel: channel, note: note))
        return ReplyResult(interaction: id, answered: waiting?.0, answeredSentOn: waiting?.1, stageBefore: stage,
                           stageAfter: StageRules.afterReply(stage) ?? stage)
    }

    /// Puts a meeting on the docket. The others who will be there count as having answered on
    /// `answeredOn` (the meeting's day when `nil`): their outreach still waiting is answered.
    @discardableResult
    public func planMeeting(contact: RecordID, date: CalendarDate, time: String?, exitGoal: String, hub: RecordID? = nil,
                            others: [RecordID] = [], kind: String = "meeting", minutes: Int? = nil,
                            answeredOn: CalendarDate? = nil) throws -> MeetingResult {
        let (record, _) = try visibleContact(contact)
        let id = environment.makeRecordID()
        let stage = record.text("stage")
        try commit(WorkflowOps.meet(interaction: id, contact: record.id, stage: stage, date: date, time: time, exitGoal: exitGoal,
                                    hub: hub, others: others, kind: kind, minutes: minutes)
                   + othersMet(others, date: answeredOn ?? date, stageRule: StageRules.afterMeetingPlanned))
        var missing: [String] = []
        if record.text("ask") == nil { missing.append("ask") }
        if record.text("offer") == nil { missing.append("offer") }
        return MeetingResult(interaction: id, stageBefore: stage, stageAfter: StageRules.afterMeetingPlanned(stage) ?? stage, missing: missing)
    }

    /// The planned meeting a debrief of `contact` on `date` is about: the latest planned on or
    /// before `date`, else the earliest planned after it; `nil` when none is planned.
    public func plannedMeeting(contact: RecordID, date: CalendarDate) throws -> Record? {
        let (_, ids) = try visibleContact(contact)
        return try writer.read { db in
            let list = Store.inList(ids)
            let base = "SELECT * FROM interaction WHERE deleted = 0 AND status = 'planned' AND contact IN (\(list.sql))"
            let row = try Row.fetchOne(db, sql: base + " AND date <= ? ORDER BY date DESC, time DESC, id LIMIT 1", arguments: list.args + [date.description])
                ?? Row.fetchOne(db, sql: base + " ORDER BY date, time, id LIMIT 1", arguments: list.args)
            return try row.map { try Store.decode("interaction", $0) }
        }
    }

    /// After the meeting: marks the planned meeting done with the debrief (or logs a meeting on
    /// `date` when none was planned), sets the follow-up, makes the contact active.
    ///
    /// - throws: ``WorkflowError/emptyDebrief`` when neither learned nor next step is given.
    @discardableResult
    public func debrief(contact: RecordID, date: CalendarDate, _ d: WorkflowOps.Debrief, before extra: [Op] = []) throws -> DebriefResult {
        let (record, _) = try visibleContact(contact)
        let planned = try plannedMeeting(contact: contact, date: date)
        let id = planned?.id ?? environment.makeRecordID()
        let stage = record.text("stage")
        let met = planned?["date"].date ?? date
        try commit(extra + (try WorkflowOps.debrief(meeting: id, planned: planned != nil, contact: record.id, stage: stage, date: date, d))
                   + othersMet(d.others.isEmpty ? (planned?["others"].refs ?? []) : d.others, date: met, stageRule: StageRules.afterDebrief))
        return DebriefResult(interaction: id, wasPlanned: planned != nil, date: planned?["date"].date ?? date, stageBefore: stage,
                             stageAfter: StageRules.afterDebrief(stage) ?? stage)
    }

    /// Sets a synced setting (validated by ``WorkflowSettings/validate(key:value:)``); `nil` resets
    /// it to its default. The daily target keeps its history from `today` on.
    public func setSetting(_ key: String, _ value: String?, today: CalendarDate) throws {
        guard let value else {
            _ = try WorkflowSettings.validate(key: key, value: WorkflowSettings.known.first { $0.key == key }?.defaultValue ?? "0")
            try commit(WorkflowOps.setting(key, nil))
            return
        }
        var text = try WorkflowSettings.validate(key: key, value: value)
        if key == WorkflowSettings.targetKey {
            let history = try workflowSettings().targets
            guard history.current != Int(text)! else { return }
            text = history.setting(Int(text)!, from: today).description
        }
        if try settingValues()[key] == text { return }
        try commit(WorkflowOps.setting(key, text))
    }

    /// The puts for the others met in a meeting: each one's outreach still waiting is answered on
    /// `date`, and each moves on by `stageRule`, as the meeting's contact does. Others that are
    /// not visible contacts (created in the same edit) are left as they are.
    func othersMet(_ others: [RecordID], date: CalendarDate, stageRule: (String?) -> String?) throws -> [Op] {
        var ops: [Op] = []
        for other in others {
            guard let (record, ids) = try? visibleContact(other) else { continue }
            if let waiting = try waitingOutreach(of: ids) { ops += RecordOps.put("interaction", waiting, [("answered", .date(date))]) }
            if let s = stageRule(record.text("stage")) { ops += RecordOps.put("contact", record.id, [("stage", .text(s))]) }
        }
        return ops
    }

    /// The visible contact (following merges) and every id that shows as it.
    func visibleContact(_ id: RecordID) throws -> (Record, [RecordID]) {
        try writer.read { db in
            guard var r = try Store.record("contact", id: id, db) else { throw StoreError.notFound(entity: "contact", query: id.hex) }
            if let s = r.survivor, let survivor = try Store.record("contact", id: s, db) { r = survivor }
            guard !r.deleted else { throw StoreError.notFound(entity: "contact", query: r.displayName) }
            var ids = [r.id]
            for data in try Data.fetchAll(db, sql: "SELECT id FROM contact WHERE survivor = ?", arguments: [Store.wfBlob(r.id)]) {
                if let raw = ID128(bytes: [UInt8](data)) { ids.append(RecordID(raw)) }
            }
            return (r, ids)
        }
    }

    /// `?, ?, …` and the blobs of `ids`.
    static func inList(_ ids: [RecordID]) -> (sql: String, args: StatementArguments) {
        (Array(repeating: "?", count: max(1, ids.count)).joined(separator: ", "),
         StatementArguments(ids.isEmpty ? [Data()] : ids.map { wfBlob($0) }))
    }
}
