import Foundation
import TouchbaseCore
import TouchbaseStore

/// Contacts: finding, listing, adding, editing, deleting, restoring and merging them.
extension Workspace {
    // MARK: - Reading

    /// The contact named by a full id, a unique id prefix (4+ hex digits), its name or a unique
    /// part of it, case and accents ignored (``ContactMatcher``). A merged duplicate leads to the
    /// contact that stayed.
    ///
    /// - throws: `StoreError.notFound` (its `candidates`: the nearest names, a "did you mean") or
    ///   `StoreError.ambiguous` (listing the candidates).
    public func contact(matching query: String, includeDeleted: Bool = false) throws -> Contact {
        Contact(try record("contact", matching: query, includeDeleted: includeDeleted))
    }

    /// A contact by id (deleted and merged ones included), with every field as stored, including
    /// fields and values a newer version wrote that this one does not know; `nil` if there is none.
    public func contact(id: RecordID) throws -> Contact? {
        guard let record = try store.record("contact", id: id) else { return nil }
        return Contact(id: id, fields: try everyField(record), isDeleted: record.deleted, mergedInto: record.survivor)
    }

    /// The contacts a filter selects, by name.
    public func contacts(_ filter: ContactFilter = ContactFilter()) throws -> [Contact] {
        try store.records(try query(filter)).map(Contact.init)
    }

    /// The contact list: each contact with the date of its last done interaction and, when
    /// `tags` is set, its tags.
    public func contactList(_ filter: ContactFilter = ContactFilter(), tags: Bool = true) throws -> [ContactListItem] {
        let contacts = try store.records(try query(filter))
        let lastTouch = try store.lastInteractionDates()
        let tagNames = tags ? try store.tagNamesByRecord() : [:]
        return contacts.map { ContactListItem(contact: Contact($0), tags: tagNames[$0.id] ?? [], lastTouch: lastTouch[$0.id]) }
    }

    /// The hubs a contact (or a duplicate merged into it) belongs to, by hub name.
    public func memberships(ofContact id: RecordID) throws -> [Membership] {
        try store.memberships(ofContact: id).map(Membership.init)
    }

    /// The contact table (`contact list`): the contacts a filter selects, by name, each with the
    /// few fields the table shows and the date of its last done interaction, in one read. The
    /// same contacts and values as ``contactList(_:tags:)``, without every field and the tags.
    public func contactTable(_ filter: ContactFilter = ContactFilter()) throws -> [ContactRow] {
        try store.contactRows(try query(filter))
    }

    // MARK: - Writing

    /// Adds a contact, its tags and its hub memberships in one edit.
    ///
    /// A new contact starts at stage ``Stage/want`` with voter ``Voter/unknown`` unless the draft
    /// says otherwise. With a LinkedIn profile its id is derived from the profile, so adding or
    /// importing the same person again never makes a duplicate; a profile that already belongs to
    /// a contact is refused.
    ///
    /// - throws: ``WorkspaceError`` `.emptyValue` (no name), `.malformed` (an email, phone, URL,
    ///   LinkedIn profile, stage or voter), `.outOfRange` (cadence), `.alreadyExists` or
    ///   `.alreadyExistsDeleted` (field `linkedin`, detail: the id holding the profile);
    ///   `StoreError.notFound` for a hub that is not there.
    @discardableResult
    public func addContact(_ draft: ContactDraft) throws -> ContactAddition {
        guard let name = FieldNormalizer.text(draft.name) else { throw WorkspaceError(.emptyValue, field: "name") }
        var values = try draft.values()
        let tags = try FieldNormalizer.tags(draft.tags)
        let hubs = try draft.hubs.map { try visibleHub($0) }
        for (field, initial) in [("stage", Stage.initial.rawValue), ("voter", Voter.initial.rawValue)]
        where !values.contains(where: { $0.field == field }) {
            values.append((field, .text(initial)))
        }
        var id = store.environment.makeRecordID()
        if let url = values.first(where: { $0.field == "linkedin" })?.value.text {
            try refuseTaken(linkedin: url)
            id = Schema.linkedinContactID(url)
        }
        var sameNameQuery = RecordQuery(entity: "contact")
        sameNameQuery.equals = [("name", .text(name))]
        let sameName = try store.records(sameNameQuery)

        var ops = RecordOps.put("contact", id, [("name", .text(name))] + values.map { ($0.field, $0.value) })
        for tag in tags { ops += RecordOps.tag(id, tag) }
        for hub in hubs { ops += RecordOps.join(contact: id, hub: hub) }
        try store.commit(ops)
        let added = try contact(id: id) ?? Contact(id: id, fields: Dictionary(values.map { ($0.field, $0.value) }) { $1 })
        return ContactAddition(contact: added, sameName: sameName.map(Contact.init))
    }

    /// Changes the given fields of a contact, adds its tags and hub memberships, in one edit.
    ///
    /// - throws: ``WorkspaceError`` `.emptyValue` (an empty name, or nothing to change),
    ///   `.malformed`, `.outOfRange`, `.listInConflict` (field: the list added to; nothing was
    ///   written); `StoreError.notFound` for a contact or hub that is not there.
    @discardableResult
    public func editContact(_ id: RecordID, _ changes: ContactChanges) throws -> ContactEditResult {
        guard !changes.isEmpty else { throw WorkspaceError(.emptyValue, detail: "nothing to change") }
        let c = try visibleContact(id)
        let values = try changes.values()
        let additions = try changes.additions()
        var sameLinkedIn: Contact?
        if let url = values.first(where: { $0.field == "linkedin" })?.value.text, url != c.text("linkedin") {
            sameLinkedIn = try otherContact(withLinkedIn: url, than: id)
        }
        let tags = try FieldNormalizer.tags(changes.tags)
        let hubs = try changes.hubs.map { try visibleHub($0) }
        // The Store re-reads the lists inside the edit's own transaction and refuses there too;
        // this check names the list.
        let registers = try store.registers(of: RecordKey(entity: "contact", record: id))
        for addition in additions where !values.contains(where: { $0.field == addition.field }) {
            if registers[addition.field]?.isConflict == true { throw WorkspaceError(.listInConflict, field: addition.field) }
        }
        var ops = RecordOps.put("contact", id, values.map { ($0.field, $0.value) })
        for tag in tags { ops += RecordOps.tag(id, tag) }
        for hub in hubs { ops += RecordOps.join(contact: id, hub: hub) }
        try store.commit(ops, adding: additions, to: RecordKey(entity: "contact", record: id))
        let listFields = additions.map(\.field).filter { f in !values.contains { $0.field == f } }
        let changed = values.map(\.field) + listFields + (tags.isEmpty ? [] : ["tags"]) + (hubs.isEmpty ? [] : ["hubs"])
        return ContactEditResult(contact: try contact(id: id) ?? Contact(c), changed: changed, sameLinkedIn: sameLinkedIn)
    }

    /// Deletes a contact. Its interactions, tags and memberships are kept, hidden with it; a
    /// restore brings them back.
    ///
    /// - throws: `StoreError.notFound` when there is no visible contact with this id.
    public func removeContact(_ id: RecordID) throws {
        _ = try visibleContact(id)
        try store.commit(RecordOps.delete("contact", id))
    }

    /// Brings back a deleted contact with its interactions; also keeps a contact that is in a
    /// delete-vs-edit conflict (deleted on one device while edited on another).
    ///
    /// - throws: ``WorkspaceError`` `.notDeleted` when it is neither deleted nor in such a
    ///   conflict; `StoreError.notFound` when there is no such contact.
    public func restoreContact(_ id: RecordID) throws {
        try restore("contact", id)
    }

    /// Merges a duplicate into the contact that stays, in one edit: the duplicate's interactions,
    /// tags and hubs show under the survivor from then on; fields the survivor lacks are copied
    /// from the duplicate, and emails, phones and URLs are combined (every value of both records
    /// kept, values in conflict included).
    ///
    /// - throws: ``WorkspaceError`` `.sameRecord` for a contact merged into itself;
    ///   `StoreError.notFound` when either is not there.
    @discardableResult
    public func mergeContact(_ duplicate: RecordID, into survivor: RecordID) throws -> ContactMergeResult {
        guard duplicate != survivor else { throw WorkspaceError(.sameRecord) }
        let dup = try visibleContact(duplicate)
        let kept = try visibleContact(survivor)
        let copied = try store.merge("contact", duplicate, into: survivor).copied
        return ContactMergeResult(duplicate: try contact(id: duplicate) ?? Contact(dup), survivor: try contact(id: survivor) ?? Contact(kept),
                                  copied: copied)
    }

    // MARK: - Rules

    /// Refuses a LinkedIn profile that already belongs to a contact (under its derived id, or set
    /// on another contact).
    private func refuseTaken(linkedin url: String) throws {
        if let existing = try store.record("contact", id: Schema.linkedinContactID(url)) {
            var shown = existing
            if let s = existing.survivor, let survivor = try store.record("contact", id: s) { shown = survivor }
            throw WorkspaceError(shown.deleted ? .alreadyExistsDeleted : .alreadyExists, field: "linkedin", detail: shown.id.hex)
        }
        var query = RecordQuery(entity: "contact")
        query.equals = [("linkedin", .text(url))]
        if let other = try store.records(query).first {
            throw WorkspaceError(.alreadyExists, field: "linkedin", detail: other.id.hex)
        }
    }

    /// Another visible contact with this LinkedIn profile (set on it, or under the id derived
    /// from it).
    private func otherContact(withLinkedIn url: String, than id: RecordID) throws -> Contact? {
        var query = RecordQuery(entity: "contact")
        query.equals = [("linkedin", .text(url))]
        if let other = try store.records(query).first(where: { $0.id != id }) { return Contact(other) }
        if let derived = try store.record("contact", id: Schema.linkedinContactID(url)), derived.id != id,
           !derived.deleted, derived.survivor == nil {
            return Contact(derived)
        }
        return nil
    }

    private func query(_ filter: ContactFilter) throws -> RecordQuery {
        var query = RecordQuery(entity: "contact")
        query.includeHidden = filter.includeHidden
        if let stage = filter.stage { query.equals.append(("stage", .text(stage.rawValue))) }
        if let voter = filter.voter { query.equals.append(("voter", .text(voter.rawValue))) }
        if let tag = filter.tag { query.tag = try FieldNormalizer.tag(tag) }
        query.hub = filter.hub
        query.text = filter.text
        query.fields = filter.fields
        return query
    }

    /// A contact that is there and not deleted.
    func visibleContact(_ id: RecordID) throws -> Record {
        guard let r = try store.record("contact", id: id), !r.deleted else { throw StoreError.notFound(entity: "contact", query: id.hex) }
        return r
    }

    /// A hub that is there and not deleted.
    func visibleHub(_ id: RecordID) throws -> RecordID {
        guard let r = try store.record("hub", id: id), !r.deleted else { throw StoreError.notFound(entity: "hub", query: id.hex) }
        return r.id
    }

    /// A record's displayed fields (its merge link aside) plus those the table does not hold: fields this version does
    /// not know and values of a kind it does not know (kept in the field's register).
    func everyField(_ record: Record) throws -> [String: Value] {
        var fields = record.values
        fields[Merger.mergedIntoField] = nil
        for (field, register) in try store.registers(of: RecordKey(entity: record.entity, record: record.id))
        where fields[field] == nil && field != Merger.deletedField && field != Merger.mergedIntoField {
            let value = register.value
            if value != .null { fields[field] = value }
        }
        return fields
    }

    /// Restores a deleted record, or keeps one in a delete-vs-edit conflict.
    func restore(_ entity: String, _ id: RecordID) throws {
        guard let r = try store.record(entity, id: id) else { throw StoreError.notFound(entity: entity, query: id.hex) }
        let conflicted = try store.conflicts().contains { $0.kind == .deleteVsEdit && $0.record.record == id }
        guard r.deleted || conflicted else { throw WorkspaceError(.notDeleted) }
        try store.commit(RecordOps.restore(entity, id))
    }
}
