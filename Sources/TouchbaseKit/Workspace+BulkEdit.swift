import Foundation
import TouchbaseCore
import TouchbaseStore

/// Bulk edits: one change to everyone a filter selects, previewed, then written in one edit.
extension Workspace {
    /// Previews (`apply: false`) or makes (`apply: true`) a bulk edit. Applied, every change to
    /// every contact is one edit (one Change in the log): it syncs, and shows in history, as one.
    ///
    /// - throws: ``WorkspaceError`` `.emptyValue` with field `filter` (nothing selects the contacts:
    ///   a bulk edit never means everyone by default) or `changes` (nothing to change);
    ///   `.malformed` (a stage or voter word) or `.outOfRange` (cadence, field `days`);
    ///   `.emptyValue` (field `tags`) for an empty tag name.
    public func bulkEdit(_ edit: BulkEdit, apply: Bool) throws -> BulkEditResult {
        guard edit.hasFilter else { throw WorkspaceError(.emptyValue, field: "filter") }
        guard edit.hasChange else { throw WorkspaceError(.emptyValue, field: "changes") }
        let stage = try edit.stage.map(ContactRules.value)
        let voter = try edit.voter.map(ContactRules.value)
        if let days = edit.cadence ?? nil { _ = try WorkflowLimits.check(days, in: WorkflowLimits.cadenceDays, field: "days") }
        let adding = try FieldNormalizer.tags(edit.addTags)
        let removing = try FieldNormalizer.tags(edit.removeTags)

        var filter = edit.filter
        filter.includeHidden = false
        filter.fields = nil
        var people = try contacts(filter)
        if let org = edit.organization.map(ContactMatcher.fold) {
            people = people.filter { $0.organization.map(ContactMatcher.fold) == org }
        }
        let tagNames = try store.tagNamesByRecord()

        var ops: [Op] = []
        var changes: [BulkEditResult.Change] = []
        for person in people {
            var steps: [BulkEditResult.Step] = []
            if let to = edit.stage, let value = stage, person.stage?.rawValue != to.rawValue {
                steps.append(.stage(from: person.stage, to: to))
                ops.append(Op(entity: "contact", record: person.id, field: "stage", value: value))
            }
            if let to = edit.voter, let value = voter, person.voter?.rawValue != to.rawValue {
                steps.append(.voter(from: person.voter, to: to))
                ops.append(Op(entity: "contact", record: person.id, field: "voter", value: value))
            }
            let carried = Set(tagNames[person.id] ?? [])
            for tag in adding where !carried.contains(tag) {
                steps.append(.tagAdded(tag))
                ops += RecordOps.tag(person.id, tag)
            }
            if !removing.isEmpty {
                let aliases = try store.aliases(of: person.id, entity: "contact")
                for tag in removing {
                    let carriers = try aliases.filter { alias in
                        try store.record("tagging", id: Schema.taggingID(target: alias, tag: Schema.tagID(tag))).map { !$0.deleted } ?? false
                    }
                    if carriers.isEmpty { continue }
                    steps.append(.tagRemoved(tag))
                    ops += carriers.flatMap { RecordOps.untag($0, tag) }
                }
            }
            if let days = edit.cadence, person.cadence != days {
                steps.append(.cadence(from: person.cadence, to: days))
                ops += WorkflowOps.cadence(entity: "contact", person.id, days: days)
            }
            if !steps.isEmpty {
                changes.append(BulkEditResult.Change(id: person.id, name: person.name, organization: person.organization, steps: steps))
            }
        }
        if apply, !ops.isEmpty { try store.commit(ops) }
        return BulkEditResult(changes: changes, unchanged: people.count - changes.count, applied: apply && !ops.isEmpty)
    }
}
