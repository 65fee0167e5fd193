import Foundation
import TouchbaseCore
import TouchbaseStore

/// Opportunities: a role at an organisation, its stage, its next step, and the contacts who work
/// there or can refer you. Every edit is one synced change, with history and conflicts like any
/// record.
extension Workspace {
    // MARK: - Reading

    /// The opportunity named by a full id, a unique id prefix (4+ hex digits), or words found in
    /// its role and organisation (`"data engineer northwind"`, case and accents aside).
    ///
    /// - throws: `StoreError.notFound`, or `StoreError.ambiguous` listing every candidate.
    public func opportunity(matching query: String, includeDeleted: Bool = false) throws -> Opportunity {
        let q = query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !q.isEmpty else { throw StoreError.notFound(entity: "opportunity", query: query) }
        var listing = RecordQuery(entity: "opportunity")
        listing.includeHidden = includeDeleted
        let all = try store.records(listing).map(Opportunity.init)
        if let id = RecordID(hex: q), let o = all.first(where: { $0.id == id }) { return o }
        let hex = q.lowercased().filter { $0 != "-" }
        if hex.count >= 4, hex.allSatisfy(\.isHexDigit) {
            let byID = all.filter { $0.id.hex.hasPrefix(hex) }
            if byID.count == 1 { return byID[0] }
            if byID.count > 1 {
                throw StoreError.ambiguous(entity: "opportunity", query: query,
                                           candidates: byID.map { "\($0.id.hex.prefix(8))  \($0.title)  (\($0.stage.rawValue))" })
            }
        }
        let words = q.split(whereSeparator: \.isWhitespace).compactMap { OrganizationName.key(String($0)) }
        func text(_ o: Opportunity) -> String { OrganizationName.key("\(o.role) \(o.organization ?? "")") ?? "" }
        let exact = all.filter { OrganizationName.same($0.role, q) || OrganizationName.same($0.title, q) }
        let found = exact.isEmpty ? all.filter { o in words.allSatisfy { text(o).contains($0) } } : exact
        if found.count == 1 { return found[0] }
        if found.isEmpty { throw StoreError.notFound(entity: "opportunity", query: query) }
        throw StoreError.ambiguous(entity: "opportunity", query: query,
                                   candidates: found.map { "\($0.id.hex.prefix(8))  \($0.title)  (\($0.stage.rawValue))" })
    }

    /// An opportunity by id (deleted ones included), with every field as stored; `nil` if none.
    public func opportunity(id: RecordID) throws -> Opportunity? {
        guard let record = try store.record("opportunity", id: id) else { return nil }
        return Opportunity(id: id, fields: try everyField(record), isDeleted: record.deleted)
    }

    /// The opportunities a filter selects: by stage (in order), then next step date, then role.
    public func opportunities(_ filter: OpportunityFilter = OpportunityFilter()) throws -> [Opportunity] {
        var query = RecordQuery(entity: "opportunity")
        query.includeHidden = filter.includeDeleted
        let stageOrder = Dictionary(uniqueKeysWithValues: OpportunityStage.known.enumerated().map { ($0.element.rawValue, $0.offset) })
        return try store.records(query).map(Opportunity.init).filter { o in
            if let stage = filter.stage, o.stage != stage { return false }
            if filter.stage == nil, !filter.includeClosed, !o.isOpen { return false }
            if let org = filter.organization, !OrganizationName.same(org, o.organization) { return false }
            return true
        }.sorted { a, b in
            let sa = stageOrder[a.stage.rawValue] ?? Int.max, sb = stageOrder[b.stage.rawValue] ?? Int.max
            if sa != sb { return sa < sb }
            let da = a.nextStepOn?.dayNumber ?? Int.max, db = b.nextStepOn?.dayNumber ?? Int.max
            if da != db { return da < db }
            let ra = a.title.lowercased(), rb = b.title.lowercased()
            return ra != rb ? ra < rb : a.id < b.id
        }
    }

    /// The contacts linked to an opportunity, by role then name (merged duplicates shown as the
    /// contact that stayed; deleted contacts and removed links left out).
    public func people(ofOpportunity id: RecordID) throws -> [OpportunityPerson] {
        var query = RecordQuery(entity: "opportunityContact")
        query.equals = [("opportunity", .ref(id))]
        let last = try store.lastInteractionDates()
        var seen = Set<RecordID>()
        var out: [OpportunityPerson] = []
        for link in try store.records(query) {
            guard let ref = link["contact"].ref, var record = try store.record("contact", id: ref) else { continue }
            if let s = record.survivor, let survivor = try store.record("contact", id: s) { record = survivor }
            guard !record.deleted, seen.insert(record.id).inserted else { continue }
            let role = link.text("role").map(OpportunityContactRole.init(rawValue:)) ?? .worksThere
            out.append(OpportunityPerson(contact: Contact(record), role: role, since: link["since"].date, lastInteraction: last[record.id]))
        }
        let order = Dictionary(uniqueKeysWithValues: OpportunityContactRole.known.enumerated().map { ($0.element.rawValue, $0.offset) })
        return out.sorted {
            let a = order[$0.role.rawValue] ?? Int.max, b = order[$1.role.rawValue] ?? Int.max
            return a != b ? a < b : ($0.contact.name.lowercased(), $0.contact.id) < ($1.contact.name.lowercased(), $1.contact.id)
        }
    }

    /// Visible contacts whose organisation is `organization` (case, accents and spacing aside),
    /// by name, leaving out `excluding`.
    public func contacts(atOrganization organization: String, excluding: Set<RecordID> = []) throws -> [Contact] {
        guard let key = OrganizationName.key(organization) else { return [] }
        var query = RecordQuery(entity: "contact")
        query.fields = ["name", "organization", "role", "stage", "voter"]
        return try store.records(query).filter { OrganizationName.key($0.text("organization")) == key && !excluding.contains($0.id) }
            .map(Contact.init)
    }

    /// An opportunity with its people, the contacts at its organisation not linked yet, and the
    /// warm introductions into it.
    ///
    /// - throws: `StoreError.notFound` when there is no such opportunity.
    public func opportunityDetails(_ id: RecordID) throws -> OpportunityDetails {
        guard let o = try opportunity(id: id) else { throw StoreError.notFound(entity: "opportunity", query: id.hex) }
        let people = try people(ofOpportunity: id)
        let suggested = try o.organization.map { try contacts(atOrganization: $0, excluding: Set(people.map(\.contact.id))) } ?? []
        let paths = try o.organization.map { try introductions(toOrganization: $0, opportunity: o).paths } ?? []
        return OpportunityDetails(opportunity: o, people: people, suggested: suggested, introductions: paths)
    }

    // MARK: - Writing

    /// Adds an opportunity and links its contacts, in one edit. A stage past researching records
    /// the day it was reached (today), and the day applied when not given.
    ///
    /// - throws: ``WorkspaceError`` `.emptyValue` (field `role` or `organization`), `.malformed`
    ///   (the link, a stage or role this version does not write), `.stageMismatch` (field `stage`:
    ///   a new opportunity cannot start closed); `StoreError.notFound` for a contact that is not there.
    @discardableResult
    public func addOpportunity(_ draft: OpportunityDraft) throws -> OpportunityAddition {
        guard let role = FieldNormalizer.text(draft.role) else { throw WorkspaceError(.emptyValue, field: "role") }
        guard let organization = FieldNormalizer.text(draft.organization) else { throw WorkspaceError(.emptyValue, field: "organization") }
        let stage = draft.stage ?? .initial
        let word = try stage.storedWord()
        guard stage != .closed else { throw WorkspaceError(.stageMismatch, field: "stage") }
        let day = today
        var values: [(String, Value?)] = [("role", .text(role)), ("organization", .text(organization)), ("stage", .text(word))]
        values.append(("url", try draft.url.flatMap(FieldNormalizer.text).map { .text(try FieldNormalizer.url($0, field: "url")) }))
        values.append(("nextStep", draft.nextStep.flatMap(FieldNormalizer.text).map(Value.text)))
        values.append(("nextStepOn", draft.nextStepOn.map(Value.date)))
        values.append(("notes", draft.notes.flatMap(FieldNormalizer.text).map(Value.text)))
        var dates: [String: CalendarDate] = [:]
        if let applied = draft.applied { dates["applied"] = applied }
        for reached in OpportunityStage.known.prefix(while: { $0 != stage }) + [stage] {
            if let field = reached.dateField, dates[field] == nil, reached != .researching { dates[field] = day }
        }
        for field in ["applied", "interviewing", "offered"] { values.append((field, dates[field].map(Value.date))) }
        let id = store.environment.makeRecordID()
        var ops = RecordOps.put("opportunity", id, values)
        for link in draft.contacts { ops += try linkOps(link, opportunity: id, day: day) }
        try store.commit(ops)
        let added = try opportunity(id: id) ?? Opportunity(id: id, fields: [:])
        let linked = Set(try people(ofOpportunity: id).map(\.contact.id))
        return OpportunityAddition(opportunity: added, suggested: try contacts(atOrganization: organization, excluding: linked))
    }

    /// Changes the given fields of an opportunity, in one edit. Moving to a stage records the day it
    /// was reached (today) unless already known; moving back from closed clears the outcome.
    ///
    /// - throws: ``WorkspaceError`` `.emptyValue` (an empty role or organisation, or nothing to
    ///   change), `.malformed` (the link, a stage this version does not write), `.stageMismatch`
    ///   (field `stage`: closing goes through ``closeOpportunity(_:outcome:on:)``);
    ///   `StoreError.notFound` when there is no visible opportunity.
    @discardableResult
    public func editOpportunity(_ id: RecordID, _ changes: OpportunityChanges) throws -> Opportunity {
        guard !changes.isEmpty else { throw WorkspaceError(.emptyValue, detail: "nothing to change") }
        let current = try visibleOpportunity(id)
        var values: [(String, Value?)] = []
        if let role = changes.role {
            guard let r = FieldNormalizer.text(role) else { throw WorkspaceError(.emptyValue, field: "role") }
            values.append(("role", .text(r)))
        }
        if let organization = changes.organization {
            guard let o = FieldNormalizer.text(organization) else { throw WorkspaceError(.emptyValue, field: "organization") }
            values.append(("organization", .text(o)))
        }
        if let url = changes.url { values.append(("url", try textEdit(url) { try FieldNormalizer.url($0, field: "url") })) }
        if let applied = changes.applied { values.append(("applied", dateEdit(applied))) }
        if let step = changes.nextStep { values.append(("nextStep", try textEdit(step) { $0 })) }
        if let on = changes.nextStepOn { values.append(("nextStepOn", dateEdit(on))) }
        if let notes = changes.notes { values.append(("notes", try textEdit(notes) { $0 })) }
        if let stage = changes.stage {
            let word = try stage.storedWord()
            guard stage != .closed else { throw WorkspaceError(.stageMismatch, field: "stage") }
            values.append(("stage", .text(word)))
            if current.stage == .closed { values += [("outcome", .null), ("closed", .null)] }
            for reached in OpportunityStage.known.prefix(while: { $0 != stage }) + [stage] {
                guard let field = reached.dateField, reached != .researching, current.fields[field]?.date == nil,
                      !values.contains(where: { $0.0 == field }) else { continue }
                values.append((field, .date(today)))
            }
        }
        try store.commit(RecordOps.put("opportunity", id, values.map { ($0.0, $0.1 ?? .null) }))
        return try opportunity(id: id) ?? current
    }

    /// Closes an opportunity with its outcome, on `date` (today when `nil`); its next step is done
    /// with.
    ///
    /// - throws: ``WorkspaceError`` `.malformed` (an outcome this version does not write);
    ///   `StoreError.notFound` when there is no visible opportunity.
    @discardableResult
    public func closeOpportunity(_ id: RecordID, outcome: OpportunityOutcome, on date: CalendarDate? = nil) throws -> Opportunity {
        let current = try visibleOpportunity(id)
        let word = try outcome.storedWord()
        var ops = RecordOps.put("opportunity", id, [("stage", .text(OpportunityStage.closed.rawValue)), ("outcome", .text(word)),
                                                     ("closed", .date(date ?? today))])
        if current.nextStepOn != nil { ops += RecordOps.put("opportunity", id, [("nextStepOn", .null)]) }
        try store.commit(ops)
        return try opportunity(id: id) ?? current
    }

    /// Deletes an opportunity; its links are kept, hidden with it.
    ///
    /// - throws: `StoreError.notFound` when there is no visible opportunity.
    public func removeOpportunity(_ id: RecordID) throws {
        _ = try visibleOpportunity(id)
        try store.commit(RecordOps.delete("opportunity", id))
    }

    /// Brings back a deleted opportunity, or keeps one in a delete-vs-edit conflict.
    ///
    /// - throws: ``WorkspaceError`` `.notDeleted`; `StoreError.notFound`.
    public func restoreOpportunity(_ id: RecordID) throws {
        try restore("opportunity", id)
    }

    /// Links a contact to an opportunity with a role (or changes the role of one linked already).
    /// The link's id is derived from the pair, so the same link made on two devices is one record.
    ///
    /// - throws: ``WorkspaceError`` `.malformed` (a role this version does not write);
    ///   `StoreError.notFound` for an opportunity or contact that is not there.
    public func linkContact(_ link: OpportunityLinkInput, toOpportunity id: RecordID) throws {
        _ = try visibleOpportunity(id)
        try store.commit(try linkOps(link, opportunity: id, day: today))
    }

    /// Removes a contact's link to an opportunity.
    ///
    /// - throws: ``WorkspaceError`` `.notLinked`; `StoreError.notFound` for an opportunity that is
    ///   not there.
    public func unlinkContact(_ contact: RecordID, fromOpportunity id: RecordID) throws {
        _ = try visibleOpportunity(id)
        let ids = try store.aliases(of: contact, entity: "contact").map { Schema.opportunityContactID(opportunity: id, contact: $0) }
        let live = try ids.filter { try store.record("opportunityContact", id: $0).map { !$0.deleted } ?? false }
        guard !live.isEmpty else { throw WorkspaceError(.notLinked) }
        try store.commit(live.flatMap { RecordOps.delete("opportunityContact", $0) })
    }

    // MARK: - Today, the board, the agenda

    /// The next steps of open opportunities dated from `from` through `through`, by date then
    /// role; `overdueDays` counts from today.
    public func opportunitySteps(from: CalendarDate, through: CalendarDate) throws -> [OpportunityStep] {
        let day = today
        return try opportunities().compactMap { o -> OpportunityStep? in
            guard let on = o.nextStepOn, on >= from, on <= through else { return nil }
            return OpportunityStep(opportunity: o.id, role: o.role, organization: o.organization, stage: o.stage,
                                   step: o.nextStep ?? "next step", date: on, overdueDays: max(0, on.days(until: day) ?? 0))
        }.sorted { ($0.date, $0.role.lowercased(), $0.opportunity) < ($1.date, $1.role.lowercased(), $1.opportunity) }
    }

    /// What opportunities bring to today: the next steps due (today or overdue), and a touch to
    /// each referrer or insider of an opportunity still being researched who has not been in
    /// touch since being linked to it.
    public func opportunityDay() throws -> OpportunityDay {
        let day = today
        let due = try opportunitySteps(from: CalendarDate(dayNumber: 0), through: day)
            .sorted { ($0.date, $0.role.lowercased(), $0.opportunity) < ($1.date, $1.role.lowercased(), $1.opportunity) }
        var proposals: [ReferralProposal] = []
        for o in try opportunities(OpportunityFilter.stage(.researching)) {
            for p in try people(ofOpportunity: o.id) where p.role.canRefer {
                if let last = p.lastInteraction, last >= (p.since ?? last) { continue }
                proposals.append(ReferralProposal(opportunity: o.id, title: o.title, contact: p.contact.id, name: p.contact.name, role: p.role,
                                                  suggestedReason: IntroductionText.referral(role: o.role, organization: o.organization, asker: p.role)))
            }
        }
        return OpportunityDay(dueSteps: due, referralTouches: proposals)
    }

    /// The opportunities view of the board: every visible opportunity (closed ones included) under
    /// its stage.
    public func opportunityBoard() throws -> OpportunityBoard {
        var filter = OpportunityFilter()
        filter.includeClosed = true
        var byStage: [String: [OpportunityBoard.Entry]] = [:]
        var order = OpportunityStage.known.map(\.rawValue)
        for o in try opportunities(filter) {
            let people = try people(ofOpportunity: o.id)
            if !order.contains(o.stage.rawValue) { order.append(o.stage.rawValue) }
            byStage[o.stage.rawValue, default: []].append(.init(opportunity: o, people: people.count,
                                                                hasReferrer: people.contains { $0.role.canRefer }))
        }
        return OpportunityBoard(columns: order.map { .init(stage: OpportunityStage(rawValue: $0), entries: byStage[$0] ?? []) })
    }

    // MARK: - Rules

    private func linkOps(_ link: OpportunityLinkInput, opportunity: RecordID, day: CalendarDate) throws -> [Op] {
        let word = try link.role.storedWord()
        let contact = try visibleContact(link.contact)
        let target = contact.survivor ?? contact.id
        let id = Schema.opportunityContactID(opportunity: opportunity, contact: target)
        let existing = try store.record("opportunityContact", id: id)
        let since = existing.flatMap { $0.deleted ? nil : $0["since"].date } ?? day
        return RecordOps.put("opportunityContact", id, [("opportunity", .ref(opportunity)), ("contact", .ref(target)), ("role", .text(word)),
                                                         ("since", .date(since)), (Merger.deletedField, .bool(false))])
    }

    /// An opportunity that is there and not deleted.
    func visibleOpportunity(_ id: RecordID) throws -> Opportunity {
        guard let o = try opportunity(id: id), !o.isDeleted else { throw StoreError.notFound(entity: "opportunity", query: id.hex) }
        return o
    }

    private func textEdit(_ edit: FieldEdit<String>, _ normalize: (String) throws -> String) throws -> Value {
        switch edit {
        case .set(let s): return try FieldNormalizer.text(s).map { .text(try normalize($0)) } ?? .null
        case .clear: return .null
        }
    }

    private func dateEdit(_ edit: FieldEdit<CalendarDate>) -> Value {
        switch edit {
        case .set(let d): return .date(d)
        case .clear: return .null
        }
    }
}

extension OpportunityFilter {
    /// Only opportunities at `stage`.
    public static func stage(_ stage: OpportunityStage) -> OpportunityFilter {
        var f = OpportunityFilter()
        f.stage = stage
        return f
    }
}

extension Workspace {
    /// Every change that touched an opportunity or its links to contacts, oldest first. Each
    /// change's ``RecordChange/events`` say what it did to the opportunity's own fields; its
    /// ``RecordChange/ops`` hold the puts on the opportunity and on its links as written.
    public func opportunityHistory(_ id: RecordID) throws -> [RecordChange] {
        var query = RecordQuery(entity: "opportunityContact")
        query.includeHidden = true
        query.equals = [("opportunity", .ref(id))]
        let links = try store.records(query).map(\.id)
        var byDot: [Dot: (hlc: HLC, name: String?, ops: [Op])] = [:]
        for record in [id] + links {
            for e in try store.history(of: record) {
                byDot[e.dot, default: (e.hlc, e.deviceName, [])].ops += e.ops
            }
        }
        return byDot.sorted { ($0.value.hlc, $0.key.device) < ($1.value.hlc, $1.key.device) }.map { dot, entry in
            let own = entry.ops.filter { $0.record == id }
            return RecordChange(device: dot.device, deviceName: entry.name, sequence: dot.seq, milliseconds: entry.hlc.milliseconds,
                                events: own.isEmpty ? [] : [.fields(duplicate: nil, changes: own.map(FieldChange.init))], ops: entry.ops)
        }
    }
}
