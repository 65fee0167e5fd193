import TouchbaseCore

/// DESIGN.md §3, "Edits through links stay visible", checked on a replica's observable state: every
/// surviving put that a merge or a delete hides must have been seen by that merge or delete;
/// otherwise the state must list the conflict. Only the happened-before relation comes from the
/// oracle; what is hidden is read off the state itself (survivors, deleted flags, displayed links).
enum VisibilityCheck {
    static func violations(_ state: ReplicaState, oracle: Oracle) -> [String] {
        var out: [String] = []
        func seen(_ v: RegisterValue, by puts: [RegisterValue]) -> Bool {
            puts.contains { $0.dot == v.dot || oracle.happenedBefore(v.dot, $0.dot) }
        }
        func name(_ k: RecordKey) -> String { "\(k.entity)/\(Names.record(k.record))" }

        for (key, record) in state.records {
            // A merged duplicate's own fields are no longer shown: each value must be one a merge saw,
            // or be listed in a merge-vs-edit conflict.
            if record.survivor != key.record {
                let merges = (record.fields[Merger.mergedIntoField]?.values ?? []).filter { $0.value.ref != nil }
                for (field, register) in record.fields where field != Merger.deletedField && field != Merger.mergedIntoField {
                    guard register.values.contains(where: { !seen($0, by: merges) }) else { continue }
                    let listed = state.conflicts.contains { $0.kind == .mergeVsEdit && $0.record == key && $0.editedFields.contains(field) }
                    if !listed { out.append("\(name(key)).\(field) was edited concurrently with its merge, but no merge-vs-edit conflict lists it") }
                }
            }
        }

        // Where each record shows: itself, its survivor, and for a link, the target and its survivor.
        func showsUnder(_ key: RecordKey) -> Set<RecordKey> {
            var out: Set<RecordKey> = [key]
            if let r = state.records[key] { out.insert(RecordKey(entity: key.entity, record: r.survivor)) }
            for link in Schema.shownUnder where link.entity == key.entity {
                guard let to = state.records[key]?.fields[link.field]?.value.ref else { continue }
                let target = RecordKey(entity: link.target, record: to)
                out.insert(target)
                if let t = state.records[target] { out.insert(RecordKey(entity: link.target, record: t.survivor)) }
            }
            return out
        }
        for (key, record) in state.records {
            for host in showsUnder(key) {
                guard let h = state.records[host], h.status.deleted else { continue }
                let deletes = (h.fields[Merger.deletedField]?.values ?? []).filter { $0.value == .bool(true) }
                for (field, register) in record.fields where field != Merger.deletedField {
                    for v in register.values where !seen(v, by: deletes) {
                        out.append("\(name(key)).\(field) = \(Names.value(v.value)) by \(Names.dot(v.dot)) is hidden by the delete of \(name(host)), which never saw it, and no conflict says so")
                    }
                }
            }
        }
        return out.sorted()
    }
}
