import Foundation
import TouchbaseCore
import TouchbaseStore

/// Hubs: finding, listing, adding, editing, deleting and restoring them, and their members.
extension Workspace {
    /// The hub named by a full id, a unique id prefix (4+ hex digits), its name or a unique part
    /// of it, case and accents ignored (``ContactMatcher``).
    ///
    /// - throws: `StoreError.notFound` (its `candidates`: the nearest names) or
    ///   `StoreError.ambiguous` (listing the candidates).
    public func hub(matching query: String, includeDeleted: Bool = false) throws -> Hub {
        Hub(try record("hub", matching: query, includeDeleted: includeDeleted))
    }

    /// A hub by id (deleted ones included), with every field as stored; `nil` if there is none.
    public func hub(id: RecordID) throws -> Hub? {
        guard let record = try store.record("hub", id: id) else { return nil }
        return Hub(id: id, fields: try everyField(record), isDeleted: record.deleted)
    }

    /// The hub list, by name: each hub with its member count and tags.
    public func hubList(_ filter: HubFilter = HubFilter()) throws -> [HubListItem] {
        var query = RecordQuery(entity: "hub")
        query.includeHidden = filter.includeHidden
        query.tag = filter.tag
        query.text = filter.text
        if let stage = filter.stage { query.equals.append(("stage", .text(stage.rawValue))) }
        let hubs = try store.records(query)
        let counts = try store.memberCounts()
        let tags = try store.tagNamesByRecord()
        return hubs.map { HubListItem(hub: Hub($0), members: counts[$0.id] ?? 0, tags: tags[$0.id] ?? []) }
    }

    /// The visible members of a hub (merged duplicates shown as the contact that stayed), by name.
    public func memberships(ofHub id: RecordID) throws -> [Membership] {
        try store.memberships(ofHub: id).map(Membership.init)
    }

    /// Adds a hub and its tags in one edit.
    ///
    /// - throws: ``WorkspaceError`` `.emptyValue` (no name), `.malformed` (the web page),
    ///   `.alreadyExists` (field `name`, detail: the id of the visible hub with that name, compared
    ///   without case).
    @discardableResult
    public func addHub(_ draft: HubDraft) throws -> Hub {
        guard let name = FieldNormalizer.text(draft.name) else { throw WorkspaceError(.emptyValue, field: "name") }
        let values = try draft.values()
        let tags = try FieldNormalizer.tags(draft.tags)
        var query = RecordQuery(entity: "hub")
        query.equals = [("name", .text(name))]
        if let existing = try store.records(query).first {
            throw WorkspaceError(.alreadyExists, field: "name", detail: existing.id.hex)
        }
        let id = store.environment.makeRecordID()
        var ops = RecordOps.put("hub", id, [("name", .text(name))] + values.map { ($0.field, $0.value) })
        for tag in tags { ops += RecordOps.tag(id, tag) }
        try store.commit(ops)
        return try hub(id: id) ?? Hub(id: id, fields: ["name": .text(name)])
    }

    /// Changes the given fields of a hub and adds its tags, in one edit.
    ///
    /// - throws: ``WorkspaceError`` `.emptyValue` (an empty name, or nothing to change),
    ///   `.malformed` (the web page); `StoreError.notFound` when there is no visible hub.
    @discardableResult
    public func editHub(_ id: RecordID, _ changes: HubChanges) throws -> HubEditResult {
        guard !changes.isEmpty else { throw WorkspaceError(.emptyValue, detail: "nothing to change") }
        let h = try visibleHub(id)
        let values = try changes.values()
        let tags = try FieldNormalizer.tags(changes.tags)
        var ops = RecordOps.put("hub", h, values.map { ($0.field, $0.value) })
        for tag in tags { ops += RecordOps.tag(h, tag) }
        try store.commit(ops)
        let changed = values.map(\.field) + (tags.isEmpty ? [] : ["tags"])
        return HubEditResult(hub: try hub(id: id) ?? Hub(id: id, fields: [:]), changed: changed)
    }

    /// Deletes a hub; its memberships are kept, hidden with it.
    ///
    /// - throws: `StoreError.notFound` when there is no visible hub with this id.
    public func removeHub(_ id: RecordID) throws {
        _ = try visibleHub(id)
        try store.commit(RecordOps.delete("hub", id))
    }

    /// Brings back a deleted hub with its memberships, or keeps one in a delete-vs-edit conflict.
    ///
    /// - throws: ``WorkspaceError`` `.notDeleted`; `StoreError.notFound`.
    public func restoreHub(_ id: RecordID) throws {
        try restore("hub", id)
    }
}
