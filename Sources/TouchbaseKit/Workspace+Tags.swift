import Foundation
import TouchbaseCore
import TouchbaseStore

/// Tags on contacts and hubs, and memberships of contacts in hubs.
extension Workspace {
    /// Every tag in use, by name, with how many contacts and hubs carry it.
    public func tagCounts() throws -> [TagCount] {
        try store.tagUses().map { TagCount(name: $0.name, contacts: $0.contacts, hubs: $0.hubs) }
    }

    /// The tags on a contact or hub (and on duplicates merged into it), sorted.
    public func tags(of target: TagTarget, _ id: RecordID) throws -> [String] {
        try store.tagNames(of: id, entity: target.entity)
    }

    /// Tags a contact or hub. The same tag added on two devices offline is one tag.
    ///
    /// - Returns: the tag names as stored (normalised, each once).
    /// - throws: ``WorkspaceError`` `.emptyValue` (field `tags`) for an empty name;
    ///   `StoreError.notFound` when there is no visible record.
    @discardableResult
    public func tag(_ target: TagTarget, _ id: RecordID, with names: [String]) throws -> [String] {
        let tags = try FieldNormalizer.tags(names)
        _ = try visible(target, id)
        try store.commit(tags.flatMap { RecordOps.tag(id, $0) })
        return tags
    }

    /// Removes tags from a contact or hub, also where they came from a duplicate since merged
    /// into it. Nothing is removed unless the record carries every one of them.
    ///
    /// - Returns: the tag names as stored.
    /// - throws: ``WorkspaceError`` `.notTagged` (field `tags`; ``untaggedNames(_:_:_:)`` says
    ///   which), `.emptyValue`; `StoreError.notFound`.
    @discardableResult
    public func untag(_ target: TagTarget, _ id: RecordID, removing names: [String]) throws -> [String] {
        let tags = try FieldNormalizer.tags(names)
        _ = try visible(target, id)
        let aliases = try store.aliases(of: id, entity: target.entity)
        var ops: [Op] = []
        for name in tags {
            let present = try carriers(of: name, among: aliases)
            if present.isEmpty { throw WorkspaceError(.notTagged, field: "tags") }
            ops += present.flatMap { RecordOps.untag($0, name) }
        }
        try store.commit(ops)
        return tags
    }

    /// Of the given tag names, those the record does not carry (normalised).
    public func untaggedNames(_ target: TagTarget, _ id: RecordID, _ names: [String]) throws -> [String] {
        let aliases = try store.aliases(of: id, entity: target.entity)
        return try FieldNormalizer.tags(names).filter { try carriers(of: $0, among: aliases).isEmpty }
    }

    /// Makes a contact a member of a hub, or changes its role (an empty role is none). A contact
    /// is a member of a hub at most once, even when joined on two devices offline.
    ///
    /// - throws: `StoreError.notFound` when either is not there.
    public func join(contact: RecordID, hub: RecordID, role: String? = nil) throws {
        _ = try visibleContact(contact)
        _ = try visibleHub(hub)
        try store.commit(RecordOps.join(contact: contact, hub: hub, role: role.flatMap(FieldNormalizer.text)))
    }

    /// Ends a contact's membership of a hub, also one made on a duplicate since merged into it.
    ///
    /// - throws: ``WorkspaceError`` `.notMember`; `StoreError.notFound`.
    public func leave(contact: RecordID, hub: RecordID) throws {
        _ = try visibleContact(contact)
        _ = try visibleHub(hub)
        var ops: [Op] = []
        for alias in try store.aliases(of: contact, entity: "contact") {
            if let m = try store.record("membership", id: Schema.membershipID(contact: alias, hub: hub)), !m.deleted {
                ops += RecordOps.leave(contact: alias, hub: hub)
            }
        }
        guard !ops.isEmpty else { throw WorkspaceError(.notMember) }
        try store.commit(ops)
    }

    /// The record itself and the duplicates merged into it that carry the tag.
    private func carriers(of name: String, among aliases: [RecordID]) throws -> [RecordID] {
        try aliases.filter { alias in
            try store.record("tagging", id: Schema.taggingID(target: alias, tag: Schema.tagID(name))).map { !$0.deleted } ?? false
        }
    }

    private func visible(_ target: TagTarget, _ id: RecordID) throws -> RecordID {
        switch target {
        case .contact: return try visibleContact(id).id
        case .hub: return try visibleHub(id)
        }
    }
}
