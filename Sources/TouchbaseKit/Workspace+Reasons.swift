import Foundation
import TouchbaseStore

/// The reason library: things to share when reaching out, and with whom each was shared.
extension Workspace {
    /// Adds a reason to the library.
    ///
    /// - throws: ``WorkspaceError`` `.emptyValue` (field `text`) without text; `.reasonExists` (its
    ///   `detail` the existing reason's id) when the library already holds the same text, ignoring case.
    @discardableResult
    public func addReason(_ draft: ReasonDraft) throws -> Reason {
        try draft.validate()
        let text = draft.trimmedText
        if let existing = try store.records(RecordQuery(entity: "reason")).first(where: { $0.text("text")?.lowercased() == text.lowercased() }) {
            throw WorkspaceError(.reasonExists, field: "text", detail: existing.id.hex)
        }
        let id = store.environment.makeRecordID()
        try store.commit(WorkflowOps.reason(id, text: text, url: draft.url))
        guard let record = try store.record("reason", id: id) else { throw StoreError.notFound(entity: "reason", query: id.hex) }
        return Reason(record)
    }

    /// The library, by text, each reason with the contacts it was shared with.
    public func reasons() throws -> [ReasonUsage] {
        try store.reasonUses().map { u in
            ReasonUsage(reason: Reason(u.reason), usedWith: u.contacts.map { ReasonUsage.Contact(id: $0.id, name: $0.name) })
        }
    }

    /// The reason with this id, `nil` when there is none or it was removed.
    public func reason(id: RecordID) throws -> Reason? {
        try store.record("reason", id: id).flatMap { $0.deleted ? nil : Reason($0) }
    }

    /// The reason matching `query`: its text, part of it, or an id prefix.
    ///
    /// - throws: the store's not-found or ambiguous error.
    public func reason(matching query: String) throws -> Reason {
        Reason(try record("reason", matching: query))
    }

    /// Removes a reason from the library; past touches keep their text.
    @discardableResult
    public func removeReason(_ id: RecordID) throws -> Reason {
        guard let reason = try reason(id: id) else { throw StoreError.notFound(entity: "reason", query: id.hex) }
        try store.commit(RecordOps.delete("reason", id))
        return reason
    }
}
