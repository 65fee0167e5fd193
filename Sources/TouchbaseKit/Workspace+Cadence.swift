import Foundation
import TouchbaseStore

/// Keep-in-touch cadences, by contact or by tag.
extension Workspace {
    /// What `name` means as a cadence target: a live tag of that name, unless `kind` says contact;
    /// else the contact it matches.
    ///
    /// - throws: ``WorkspaceError`` `.ambiguousTarget` (its `detail` the contact's id) when the
    ///   name is both a tag and a contact of that very name and `kind` is `nil`; the store's
    ///   not-found error when `kind` is `.tag` and there is no such tag, or no contact matches.
    public func cadenceTarget(named name: String, as kind: CadenceTarget.Kind? = nil) throws -> CadenceTarget {
        let tagID = Schema.tagID(name)
        let tag = try store.record("tag", id: tagID).flatMap { $0.deleted ? nil : $0 }
        if kind != .contact, let tag {
            if kind == nil, let person = try? record("contact", matching: name), person.displayName.lowercased() == Schema.normalizeTag(name) {
                throw WorkspaceError(.ambiguousTarget, field: "target", detail: person.id.hex)
            }
            return .tag(tag.id)
        }
        if kind == .tag { throw StoreError.notFound(entity: "tag", query: name) }
        return .contact(try record("contact", matching: name).id)
    }

    /// Sets (or clears) a cadence. For a contact, the outcome carries the next due day.
    ///
    /// - throws: ``WorkspaceError`` `.outOfRange` (field `days`) outside ``WorkflowLimits/cadenceDays``.
    @discardableResult
    public func setCadence(_ setting: CadenceSetting) throws -> CadenceOutcome {
        if let days = setting.days { _ = try WorkflowLimits.check(days, in: WorkflowLimits.cadenceDays, field: "days") }
        switch setting.target {
        case .tag(let id):
            guard let tag = try store.record("tag", id: id), !tag.deleted else { throw StoreError.notFound(entity: "tag", query: id.hex) }
            try store.commit(WorkflowOps.cadence(entity: "tag", id, days: setting.days))
            return CadenceOutcome(target: setting.target, name: tag.displayName, days: setting.days, nextDue: nil)
        case .contact(let id):
            guard var person = try store.record("contact", id: id) else { throw StoreError.notFound(entity: "contact", query: id.hex) }
            if let survivor = person.survivor, let shown = try store.record("contact", id: survivor) { person = shown }
            guard !person.deleted else { throw StoreError.notFound(entity: "contact", query: person.id.hex) }
            try store.commit(WorkflowOps.cadence(entity: "contact", person.id, days: setting.days))
            var due: CalendarDate?
            if let days = setting.days {
                let last = try store.todayInput(today: today).contacts[person.id]?.lastInteraction
                due = last.map { $0.adding(days: days) } ?? today
            }
            return CadenceOutcome(target: .contact(person.id), name: person.displayName, days: setting.days, nextDue: due)
        }
    }
}
