/// Decides what an import writes: which rows are new people, which update someone already known,
/// and which fields actually change. Pure; the Store commits ``ImportPlan/ops`` as one Change.
///
/// **Matching** (first that applies): the Touchbase id of the row (Touchbase's own exports;
/// created with that id when unknown), the LinkedIn profile URL (the derived id
/// ``Schema/linkedinContactID(_:)``, or a contact whose `linkedin` field holds it), the foreign
/// UID, then any email. A merged duplicate leads to its survivor. A match that was deleted is
/// skipped (restore it first). Rows of the same file that match each other update each other.
///
/// **Updating.** A field present in the file replaces the stored one; a field absent from the
/// file is left alone; emails, phones and web addresses are merged (nothing is dropped); tags and
/// hubs are added, never removed. Only changed fields are written, so importing the same file
/// twice writes nothing the second time.
public enum ImportPlanner {
    /// Stage words accepted in files, mapped to the schema's stages.
    public static let stageWords: [String: String] = [
        "want": "want", "wishlist": "want", "wish list": "want", "wish-list": "want", "wanted": "want",
        "docket": "docket", "planned": "docket", "pending": "pending", "active": "active", "dormant": "dormant",
    ]

    /// What planning one chunk of a file leaves for the next chunks: the contacts the file already
    /// reached, with the line that first did and whether the file created or changed them. Small:
    /// one entry per contact, no field values.
    public struct Memory: Sendable {
        struct Seen: Sendable {
            var line: Int32
            var created: Bool
            var touched: Bool
        }

        var seen: [RecordID: Seen] = [:]

        /// Nothing reached yet.
        public init() {}
    }

    /// The plan for `people` against `snapshot`.
    ///
    /// - parameters:
    ///   - defaultSource: `source` written on new contacts whose row has none (e.g. `LinkedIn`).
    ///   - newID: fresh random ids for new contacts and hubs.
    public static func plan(_ people: [ImportPerson], snapshot: ImportSnapshot, defaultSource: String? = nil,
                            defaults: ImportDefaults = ImportDefaults(), newID: () -> RecordID) -> ImportPlan {
        var memory = Memory()
        return plan(people, snapshot: snapshot, defaultSource: defaultSource, defaults: defaults, newID: newID, memory: &memory)
    }

    /// The plan for one chunk of a file, `people`, against `snapshot`, which must hold every contact
    /// the chunk can match (by id, LinkedIn URL, UID or email; their survivors too) as the earlier
    /// chunks left them, and every hub and tag. `memory` carries what the earlier chunks reached,
    /// so counts and "the same person as line N" warnings come out as for the whole file at once.
    ///
    /// **Edits win** (with ``ImportDefaults/origin``): a row without a Touchbase id updates a field
    /// only while it is empty, already holds the file's value, or still holds what the previous
    /// import from the same source wrote; otherwise the user's value stays. A new organization or
    /// role on a known contact is recorded as a ``Schema/jobChange``.
    public static func plan(_ people: [ImportPerson], snapshot: ImportSnapshot, defaultSource: String? = nil,
                            defaults: ImportDefaults = ImportDefaults(), newID: () -> RecordID, memory: inout Memory) -> ImportPlan {
        var state = snapshot
        var plan = ImportPlan()
        var byLinkedIn: [String: RecordID] = [:]
        var byEmail: [String: RecordID] = [:]
        var byUID: [String: RecordID] = [:]
        func index(_ c: ImportSnapshot.Contact) {
            if let l = c.values["linkedin"]?.text { byLinkedIn[l.lowercased()] = byLinkedIn[l.lowercased()] ?? c.id }
            for e in c.values["emails"]?.texts ?? [] { let k = e.lowercased(); byEmail[k] = byEmail[k] ?? c.id }
            if let u = c.values["uid"]?.text { byUID[u] = byUID[u] ?? c.id }
        }
        // Visible contacts first, so they win the indexes over hidden ones.
        for c in state.contacts.values.sorted(by: { ($0.deleted || $0.survivor != nil ? 1 : 0, $0.id) < ($1.deleted || $1.survivor != nil ? 1 : 0, $1.id) }) {
            index(c)
        }

        for p in people {
            let name = WorkflowText.trimmed(p.name)
            guard !name.isEmpty else {
                plan.skipped.append(.init(file: p.file, line: p.line, reason: "no name"))
                continue
            }
            // Match.
            var match: RecordID?
            if let id = p.id { match = id }
            if match == nil, let l = p.linkedin?.lowercased() {
                let derived = Schema.linkedinContactID(p.linkedin!)
                match = state.contacts[derived] != nil ? derived : byLinkedIn[l]
            }
            if match == nil, let u = WorkflowText.nonBlank(p.uid) { match = byUID[u] }
            if match == nil {
                for e in p.emails { if let m = byEmail[WorkflowText.trimmed(e).lowercased()] { match = m; break } }
            }
            // Follow merges.
            var hops = 0
            while let m = match, let s = state.contacts[m]?.survivor, s != m, hops < 64 { match = s; hops += 1 }
            if let m = match, let existing = state.contacts[m], existing.deleted {
                plan.skipped.append(.init(file: p.file, line: p.line,
                                          reason: "the contact was deleted on this device; restoring it lets this row in",
                                          cause: .deletedContact(name: existing.values["name"]?.text ?? name)))
                continue
            }
            let id: RecordID
            let isNew: Bool
            if let m = match, state.contacts[m] != nil {
                id = m
                isNew = false
            } else {
                id = match ?? p.linkedin.map(Schema.linkedinContactID) ?? newID()
                isNew = true
                state.contacts[id] = ImportSnapshot.Contact(id: id, values: [:])
            }
            var contact = state.contacts[id]!
            var ops: [Op] = []
            let guarded = defaults.origin != nil && p.id == nil
            let baseline = contact.imported
            var newBaseline = baseline ?? [:]
            let before = (organization: contact.values["organization"]?.text, role: contact.values["role"]?.text)
            func put(_ field: String, _ value: Value?) {
                guard let value, value != .null, contact.values[field] != value else { return }
                if defaults.listChanges && !isNew {
                    plan.changes.append(.init(file: p.file, line: p.line, contact: id, name: name,
                                              kind: .updated(field: field, before: contact.values[field], after: value)))
                }
                contact.values[field] = value
                ops.append(Op(entity: "contact", record: id, field: field, value: value))
            }
            // A field the import replaces: only while the user has not changed what it last wrote.
            func imported(_ field: String, _ value: Value?) {
                guard let value, value != .null else { return }
                guard guarded else { return put(field, value) }
                newBaseline[field] = value
                let current = contact.values[field] ?? .null
                if current == .null || current == value || baseline?[field] == current { return put(field, value) }
                if defaults.listChanges {
                    plan.changes.append(.init(file: p.file, line: p.line, contact: id, name: name,
                                              kind: .keptEdit(field: field, kept: current, offered: value)))
                }
            }
            func merged(_ field: String, _ incoming: [String], key: (String) -> String) {
                let current = contact.values[field]?.texts ?? []
                var seen = Set(current.map(key))
                var list = current
                for v in incoming {
                    let t = WorkflowText.trimmed(v)
                    guard !t.isEmpty, seen.insert(key(t)).inserted else { continue }
                    list.append(t)
                }
                if list != current { put(field, .texts(list)) }
            }
            if isNew && defaults.listChanges {
                plan.changes.append(.init(file: p.file, line: p.line, contact: id, name: name, kind: .created))
            }
            imported("name", .text(name))
            imported("organization", WorkflowText.nonBlank(p.organization).map(Value.text))
            imported("role", WorkflowText.nonBlank(p.role).map(Value.text))
            merged("emails", p.emails) { $0.lowercased() }
            merged("phones", p.phones) { phoneKey($0) }
            imported("linkedin", p.linkedin.map(Value.text))
            merged("urls", p.urls) { $0 }
            imported("location", WorkflowText.nonBlank(p.location).map(Value.text))
            imported("notes", WorkflowText.nonBlank(p.notes).map(Value.text))
            imported("birthday", p.birthday.map(Value.date))
            imported("uid", WorkflowText.nonBlank(p.uid).map(Value.text))
            imported("connectedOn", p.connectedOn.map(Value.date))
            if let s = WorkflowText.nonBlank(p.stage) {
                if let stage = stageWords[s.lowercased()] { imported("stage", .text(stage)) } else {
                    plan.warnings.append(.init(file: p.file, line: p.line, reason: "stage \"\(s)\" is not one of \(Schema.stages.joined(separator: ", ")); left out"))
                }
            }
            if let v = WorkflowText.nonBlank(p.voter) {
                if Schema.voters.contains(v.lowercased()) { imported("voter", .text(v.lowercased())) } else {
                    plan.warnings.append(.init(file: p.file, line: p.line, reason: "voter \"\(v)\" is not one of \(Schema.voters.joined(separator: ", ")); left out"))
                }
            }
            imported("ask", WorkflowText.nonBlank(p.ask).map(Value.text))
            imported("offer", WorkflowText.nonBlank(p.offer).map(Value.text))
            if let source = WorkflowText.nonBlank(p.source) { imported("source", .text(source)) } else if isNew {
                put("source", defaultSource.map(Value.text))
            }
            imported("cadence", p.cadence.flatMap { $0 > 0 ? .int(Int64($0)) : nil })
            // Stage and voter for everyone the file brings in who has none.
            if contact.values["stage"] == nil, let stage = defaults.stage { put("stage", .text(stage)) }
            if contact.values["voter"] == nil, let voter = defaults.voter { put("voter", .text(voter)) }
            if guarded, let origin = defaults.origin {
                let importedID = Schema.importedID(contact: id, origin: origin)
                if baseline == nil {
                    ops += RecordOps.put("imported", importedID, [("contact", .ref(id)), ("origin", .text(origin))])
                }
                for (field, value) in newBaseline.sorted(by: { $0.key < $1.key }) where baseline?[field] != value {
                    ops.append(Op(entity: "imported", record: importedID, field: field, value: value))
                }
                contact.imported = newBaseline
                // A new organization or role on someone known: a job change to congratulate them on.
                let after = (organization: contact.values["organization"]?.text, role: contact.values["role"]?.text)
                func changed(_ old: String?, _ new: String?) -> Bool { old != nil && new != nil && old!.lowercased() != new!.lowercased() }
                if !isNew, changed(before.organization, after.organization) || changed(before.role, after.role) {
                    let change = newID()
                    ops += RecordOps.put("jobChange", change, [
                        ("contact", .ref(id)), ("date", defaults.today.map(Value.date)), ("organization", after.organization.map(Value.text)),
                        ("role", after.role.map(Value.text)), ("previousOrganization", before.organization.map(Value.text)),
                        ("previousRole", before.role.map(Value.text)), ("origin", .text(origin)),
                    ])
                    plan.jobChanges += 1
                    if defaults.listChanges {
                        plan.changes.append(.init(file: p.file, line: p.line, contact: id, name: name,
                                                  kind: .jobChange(organization: after.organization, role: after.role)))
                    }
                }
            }
            for t in p.tags + defaults.tags {
                let normalized = Schema.normalizeTag(t)
                guard !normalized.isEmpty else { continue }
                let tag = Schema.tagID(normalized)
                guard !contact.tags.contains(tag) else { continue }
                contact.tags.insert(tag)
                if !state.tags.contains(tag) {
                    state.tags.insert(tag)
                    ops.append(Op(entity: "tag", record: tag, field: "name", value: .text(normalized)))
                }
                let tagging = Schema.taggingID(target: id, tag: tag)
                ops += RecordOps.put("tagging", tagging, [("target", .ref(id)), ("tag", .ref(tag)), (Merger.deletedField, .bool(false))])
            }
            for h in p.hubs {
                let hubName = WorkflowText.trimmed(h)
                guard !hubName.isEmpty else { continue }
                let key = hubName.lowercased()
                let hub: RecordID
                if let known = state.hubsByName[key] { hub = known } else {
                    hub = newID()
                    state.hubsByName[key] = hub
                    plan.hubsCreated += 1
                    ops += RecordOps.put("hub", hub, [("name", .text(hubName))])
                }
                guard !contact.hubs.contains(hub) else { continue }
                contact.hubs.insert(hub)
                ops += RecordOps.join(contact: id, hub: hub)
            }
            state.contacts[id] = contact
            index(contact)
            if let earlier = memory.seen[id] {
                plan.warnings.append(.init(file: p.file, line: p.line, reason: "the same person as line \(earlier.line); merged into that row"))
            }
            plan.ops += ops
            // The values kept for the next import are bookkeeping: they alone do not update anyone.
            let changed = ops.contains { $0.entity != "imported" }
            if let earlier = memory.seen[id] {
                if !earlier.created, changed, !earlier.touched {
                    // Seen before in this file as unchanged, changed now.
                    plan.unchanged -= 1
                    plan.updated += 1
                    memory.seen[id]!.touched = true
                }
            } else if isNew {
                memory.seen[id] = .init(line: Int32(clamping: p.line), created: true, touched: false)
                plan.created += 1
            } else {
                memory.seen[id] = .init(line: Int32(clamping: p.line), created: false, touched: changed)
                if changed { plan.updated += 1 } else { plan.unchanged += 1 }
            }
        }
        return plan
    }

    /// The keys a row is matched by, as the plan compares them: `l:` + LinkedIn URL and `e:` +
    /// email, lowercased, `u:` + UID. A store looks up its candidates by these.
    public static func matchingKeys(of p: ImportPerson) -> [String] {
        var out: [String] = []
        if let l = p.linkedin { out.append("l:" + l.lowercased()) }
        if let u = WorkflowText.nonBlank(p.uid) { out.append("u:" + u) }
        for e in p.emails { out.append("e:" + WorkflowText.trimmed(e).lowercased()) }
        return out
    }

    /// The keys a stored contact is found by (see ``matchingKeys(of:)-(ImportPerson)``).
    public static func matchingKeys(of values: [String: Value]) -> [String] {
        var out: [String] = []
        if let l = values["linkedin"]?.text { out.append("l:" + l.lowercased()) }
        for e in values["emails"]?.texts ?? [] { out.append("e:" + e.lowercased()) }
        if let u = values["uid"]?.text { out.append("u:" + u) }
        return out
    }

    /// A phone's digits, with a leading `+` kept.
    static func phoneKey(_ phone: String) -> String {
        PhoneNumber.key(WorkflowText.trimmed(phone))
    }
}
