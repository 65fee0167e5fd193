import Foundation
import TouchbaseCore
import TouchbaseStore

/// Interactions as records: listed, found by their handle, edited, deleted and restored, with
/// their history; planned meetings cancelled and rescheduled; a contact's timeline and a hub's
/// interactions. Each edit is one change, synced like any other: edits made at the same time on
/// two devices merge field by field, and real disagreements stay as conflicts.
extension Workspace {
    // MARK: - Reading

    /// The interactions a filter selects, newest first (by date, then time).
    public func interactions(_ filter: InteractionFilter = InteractionFilter()) throws -> [InteractionEntry] {
        var q = InteractionQuery()
        if let contact = filter.contact { q.people = try store.aliases(of: contact, entity: "contact") }
        q.hub = filter.hub
        q.kind = filter.kind?.rawValue
        q.status = try filter.status.map(InteractionFilter.status(parsing:))
        q.since = filter.since
        q.until = filter.until
        q.includeDeleted = filter.includeDeleted
        q.limit = filter.limit
        return try entries(try store.interactionRecords(q))
    }

    /// A contact's whole story, newest first: every interaction with them, as its contact or among
    /// the others who were there, duplicates merged into them included. Cancelled meetings are kept
    /// (marked by their status); deleted interactions are not.
    public func timeline(ofContact id: RecordID) throws -> [InteractionEntry] {
        try interactions(InteractionFilter(contact: id))
    }

    /// The interactions held at a hub, newest first.
    public func interactions(atHub id: RecordID) throws -> [InteractionEntry] {
        try interactions(InteractionFilter(hub: id))
    }

    /// An interaction by id (deleted ones included), with every field as stored, including those
    /// a newer version wrote that this one does not know; `nil` if there is none.
    public func interaction(id: RecordID) throws -> InteractionEntry? {
        guard var r = try store.record("interaction", id: id) else { return nil }
        r.values = try everyField(r)
        return try entries([r]).first
    }

    /// The interaction named by its handle: the start of its id, 4 hex digits or more (lists show
    /// ``InteractionEntry/handleLength``), or the whole id.
    ///
    /// - throws: `StoreError.notFound` (entity `interaction`) when none matches, or when the
    ///   handle is not 4+ hex digits; `StoreError.ambiguous` listing each candidate (handle, day,
    ///   kind, contact) when several do. Deleted ones match only with `includeDeleted`.
    public func interaction(matching handle: String, includeDeleted: Bool = false) throws -> InteractionEntry {
        let digits = handle.trimmingCharacters(in: .whitespaces).lowercased().filter { $0 != "-" }
        guard digits.count >= 4, digits.count <= 32, digits.allSatisfy(\.isHexDigit) else {
            throw StoreError.notFound(entity: "interaction", query: handle)
        }
        var found = try entries(try store.interactionRecords(idPrefix: digits))
        if !includeDeleted { found.removeAll(where: \.isDeleted) }
        if found.count == 1 { return found[0] }
        if found.isEmpty { throw StoreError.notFound(entity: "interaction", query: handle) }
        throw StoreError.ambiguous(entity: "interaction", query: handle, candidates: found.map(Workspace.describe))
    }

    /// The planned meetings with a contact (as its contact), soonest first.
    public func plannedMeetings(ofContact id: RecordID) throws -> [InteractionEntry] {
        let aliases = Set(try store.aliases(of: id, entity: "contact"))
        return try interactions(InteractionFilter(contact: id, status: "planned"))
            .filter { $0.interaction.contact.map(aliases.contains) ?? false }
            .reversed()
    }

    /// Who changed an interaction and what, when, on which device: one entry per change, oldest first.
    public func interactionHistory(_ id: RecordID) throws -> [RecordChange] {
        try store.history(of: id).map { e in
            let ops = e.ops.filter { $0.entity == "interaction" }
            return RecordChange(device: e.dot.device, deviceName: e.deviceName, sequence: e.dot.seq, milliseconds: e.hlc.milliseconds,
                                events: ops.isEmpty ? [] : [.fields(duplicate: nil, changes: ops.map(FieldChange.init))], ops: ops)
        }
    }

    // MARK: - Writing

    /// Changes the given fields of an interaction, in one edit.
    ///
    /// - throws: ``WorkspaceError`` `.emptyValue` (nothing to change), `.outOfRange` (a kind, or
    ///   minutes), `.malformed` (a time), `.dateInPast` (a planned meeting moved before today),
    ///   `.dateInFuture` (something that happened moved after today); `StoreError.notFound` for
    ///   an interaction, contact or hub that is not there (or deleted).
    @discardableResult
    public func editInteraction(_ id: RecordID, _ changes: InteractionChanges) throws -> InteractionEditResult {
        guard !changes.isEmpty else { throw WorkspaceError(.emptyValue, detail: "nothing to change") }
        let current = try visibleInteraction(id)
        let planned = current.status == "planned"
        var sets: [(String, Value)] = []
        var clears: [String] = []
        if let date = changes.date {
            try checkDate(date, planned: planned, kind: changes.kind ?? current.kind)
            sets.append(("date", .date(date)))
        }
        func text(_ field: String, _ edit: FieldEdit<String>?) {
            switch edit {
            case .set(let s)?:
                if let t = FieldNormalizer.text(s) { sets.append((field, .text(t))) } else { clears.append(field) }
            case .clear?: clears.append(field)
            case nil: break
            }
        }
        switch changes.time {
        case .set(let t)?: sets.append(("time", .text(try DateParser.time(t))))
        case .clear?: clears.append("time")
        case nil: break
        }
        if let kind = changes.kind {
            guard InteractionKind.known.contains(kind) else {
                throw WorkspaceError(.outOfRange, field: "kind", detail: InteractionKind.known.map(\.rawValue).joined(separator: ", "))
            }
            if planned, !kind.isMeetingKind { _ = try MeetingPlan.kind(parsing: kind.rawValue) }
            sets.append(("kind", .text(kind.rawValue)))
        }
        text("channel", changes.channel)
        text("reason", changes.reason)
        text("exitGoal", changes.exitGoal)
        text("learned", changes.learned)
        text("nextStep", changes.nextStep)
        switch changes.followUp {
        case .set(let d)?: sets.append(("followUp", .date(d)))
        case .clear?: clears.append("followUp")
        case nil: break
        }
        text("outcome", changes.outcome)
        switch changes.minutes {
        case .set(let n)?: sets.append(("minutes", .int(Int64(try WorkflowLimits.check(n, in: WorkflowLimits.minutes, field: "minutes")))))
        case .clear?: clears.append("minutes")
        case nil: break
        }
        switch changes.hub {
        case .set(let h)?: sets.append(("hub", .ref(try visibleHub(h))))
        case .clear?: clears.append("hub")
        case nil: break
        }
        if !changes.addOthers.isEmpty || !changes.removeOthers.isEmpty {
            var others = current.others
            for other in changes.addOthers {
                let person = try visibleContact(other)
                let shown = person.survivor ?? person.id
                if shown != current.contact, !others.contains(shown) { others.append(shown) }
            }
            others.removeAll { changes.removeOthers.contains($0) }
            if others.isEmpty { clears.append("others") } else { sets.append(("others", .refs(others))) }
        }
        // Moving a planned meeting says again that it is planned: a cancel made meanwhile on
        // another device then meets it as a conflict, not a silent pick.
        if planned, sets.contains(where: { $0.0 == "date" || $0.0 == "time" }) || clears.contains("time") {
            sets.append(("status", .text("planned")))
        }
        try store.commit(RecordOps.put("interaction", id, sets.map { ($0.0, $0.1) } + clears.map { ($0, Value.null) }))
        return InteractionEditResult(entry: try interaction(id: id)!, changed: sets.map(\.0) + clears)
    }

    /// Cancels a planned meeting: it stays in the log as cancelled and leaves the meetings to debrief.
    ///
    /// - throws: ``WorkspaceError`` `.notPlanned` (detail: its status) unless it is planned;
    ///   `StoreError.notFound` when it is not there.
    @discardableResult
    public func cancelMeeting(_ id: RecordID) throws -> InteractionEditResult {
        let current = try visibleInteraction(id)
        guard current.status == "planned" else { throw WorkspaceError(.notPlanned, field: "status", detail: current.status ?? "done") }
        try store.commit(RecordOps.put("interaction", id, [("status", .text("cancelled"))]))
        return InteractionEditResult(entry: try interaction(id: id)!, changed: ["status"])
    }

    /// Moves a planned meeting to another day (and time): it stays one meeting, still planned.
    ///
    /// - parameters:
    ///   - time: a new time, `.clear` for none, `nil` to keep it.
    /// - throws: ``WorkspaceError`` `.notPlanned` unless it is planned, `.dateInPast` for a day
    ///   before today, `.malformed` for a time; `StoreError.notFound` when it is not there.
    @discardableResult
    public func rescheduleMeeting(_ id: RecordID, to date: CalendarDate, time: FieldEdit<String>? = nil) throws -> InteractionEditResult {
        let current = try visibleInteraction(id)
        guard current.status == "planned" else { throw WorkspaceError(.notPlanned, field: "status", detail: current.status ?? "done") }
        var changes = InteractionChanges()
        changes.date = date
        changes.time = time
        return try editInteraction(id, changes)
    }

    /// Deletes an interaction; `restoreInteraction` brings it back.
    ///
    /// - throws: `StoreError.notFound` when there is no visible interaction with this id.
    public func removeInteraction(_ id: RecordID) throws {
        _ = try visibleInteraction(id)
        try store.commit(RecordOps.delete("interaction", id))
    }

    /// Brings back a deleted interaction; also keeps one in a delete-vs-edit conflict.
    ///
    /// - throws: ``WorkspaceError`` `.notDeleted` when it is neither deleted nor in such a conflict;
    ///   `StoreError.notFound` when there is no such interaction.
    public func restoreInteraction(_ id: RecordID) throws {
        try restore("interaction", id)
    }

    // MARK: - Rules

    /// Refuses a day that does not fit: a planned meeting before today, something that happened
    /// (an outreach, a reply, a meeting done) after today. A note may carry any day.
    func checkDate(_ date: CalendarDate, planned: Bool, kind: InteractionKind?) throws {
        if planned {
            if date < today { throw WorkspaceError(.dateInPast, field: "date") }
        } else if date > today, kind != .note {
            throw WorkspaceError(.dateInFuture, field: "date")
        }
    }

    /// An interaction that is there and not deleted.
    func visibleInteraction(_ id: RecordID) throws -> Interaction {
        guard let r = try store.record("interaction", id: id), !r.deleted else {
            throw StoreError.notFound(entity: "interaction", query: InteractionEntry.handle(of: id))
        }
        return Interaction(r)
    }

    /// Records as entries, with the names of their people and hub.
    func entries(_ records: [Record]) throws -> [InteractionEntry] {
        guard !records.isEmpty else { return [] }
        let names = try store.contactNames()
        var hubs: [RecordID: String?] = [:]
        func person(_ id: RecordID) -> InteractionEntry.Person {
            var shown = id
            var seen: Set<RecordID> = [id]
            while let s = names[shown]?.survivor, seen.insert(s).inserted { shown = s }
            return InteractionEntry.Person(id: shown, name: names[shown]?.name ?? names[id]?.name ?? String(id.hex.prefix(8)))
        }
        var deletedContacts: Set<RecordID> = []
        return try records.map { r in
            let i = Interaction(r)
            var hubName: String?
            if let h = i.hub {
                if hubs[h] == nil { hubs[h] = try store.record("hub", id: h).flatMap { $0.deleted ? nil : $0.displayName } }
                hubName = hubs[h] ?? nil
            }
            var hidden = r.deleted
            if let c = i.contact.map({ person($0).id }), !hidden {
                if deletedContacts.contains(c) { hidden = true } else if let rec = try store.record("contact", id: c), rec.deleted {
                    deletedContacts.insert(c)
                    hidden = true
                }
            }
            return InteractionEntry(interaction: i, contact: i.contact.map(person), others: i.others.map(person), hubName: hubName,
                                    isDeleted: hidden)
        }
    }

    /// `1a2b3c4d  2026-03-04  meeting  Alan Turing`: a candidate in an ambiguous lookup.
    static func describe(_ e: InteractionEntry) -> String {
        [e.handle, e.interaction.date?.description ?? "-", e.interaction.kind?.rawValue ?? "-", e.contact?.name ?? "-"]
            .joined(separator: "  ")
    }
}
