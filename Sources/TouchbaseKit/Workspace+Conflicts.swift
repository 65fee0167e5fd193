import Foundation
import TouchbaseStore
/// Open conflicts and their resolution.
extension Workspace {
    /// Every open conflict, in the canonical order (numbered from 1).
    public func conflicts() throws -> [OpenConflict] {
        let names = try store.deviceNames()
        return try store.conflicts().enumerated().map { try openConflict($0.element, number: $0.offset + 1, names: names) }
    }

    /// The open conflict a person names: its ``OpenConflict/handle`` (any case), or its number in
    /// the list while that names one conflict; `nil` when there is no such conflict.
    public func conflict(named text: String) throws -> OpenConflict? {
        let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
        let all = try conflicts()
        let byHandle = all.filter { $0.handle == wanted }
        if byHandle.count == 1 { return byHandle[0] }
        if let n = Int(wanted), all.indices.contains(n - 1) { return all[n - 1] }
        return nil
    }

    /// The open conflicts of one record: those about it, and those naming it (a merge cycle it is a
    /// member of, a delete or merge whose edits show under it).
    public func conflicts(of record: RecordKey) throws -> [OpenConflict] {
        try conflicts().filter { c in
            c.record.key == record || c.cycle.contains { $0.key == record } || c.links.contains { $0.key == record }
        }
    }

    /// Resolves an open conflict with an ordinary edit that sees every competing value.
    ///
    /// - throws: ``WorkspaceError`` `conflictNotOpen` when it was resolved meanwhile (by this or another
    ///   device), `resolutionDoesNotFit` when the resolution is not one of its kind's, `outOfRange`
    ///   (field `keep` or `survivor`) when it names no competing value or no member of the cycle; the
    ///   Store's error when a new value does not fit the field.
    /// - returns: the conflict's record as it reads after the resolution (a resolved name shows).
    @discardableResult
    public func resolve(_ conflict: OpenConflict, with resolution: ConflictResolution) throws -> ConflictRecord {
        guard resolution.fits(conflict.kind) else {
            throw WorkspaceError(.resolutionDoesNotFit, field: conflict.kind.rawValue)
        }
        guard let current = try store.conflicts().first(where: { $0.record == conflict.record.key && $0.field == conflict.field && $0.kind == conflict.kind }) else {
            throw WorkspaceError(.conflictNotOpen)
        }
        let entity = current.record.entity
        let record = current.record.record
        switch resolution {
        case .keep(let index):
            guard current.values.indices.contains(index) else {
                throw WorkspaceError(.outOfRange, field: "keep", detail: "0..<\(current.values.count)")
            }
            _ = try store.commit([Op(entity: entity, record: record, field: current.field, value: current.values[index].value)])
        case .value(let value):
            _ = try store.commit([Op(entity: entity, record: record, field: current.field, value: value)])
        case .restore:
            _ = try store.commit(RecordOps.restore(entity, record))
        case .delete:
            _ = try store.commit(RecordOps.delete(entity, record))
        case .merge:
            // Merging again sees the edits: the Store copies them into the survivor in the same edit.
            guard let into = current.links.first else { throw WorkspaceError(.conflictNotOpen) }
            _ = try store.merge(entity, record, into: into.record, overriding: Set(current.editedFields))
        case .unmerge:
            _ = try store.commit(RecordOps.unmerge(entity, record))
        case .survivor(let chosen):
            guard current.cycle.contains(chosen) else { throw WorkspaceError(.outOfRange, field: "survivor") }
            // Unmerge the survivor and merge every other member into it, in one edit: no new cycle.
            var ops = RecordOps.unmerge(entity, chosen)
            for other in current.cycle where other != chosen { ops += RecordOps.merge(entity, from: other, into: chosen) }
            _ = try store.commit(ops)
        }
        return try conflictRecord(current.record)
    }

    private func openConflict(_ c: Conflict, number: Int, names: [DeviceID: String]) throws -> OpenConflict {
        var open = OpenConflict(
            number: number, kind: c.kind, record: try conflictRecord(c.record), field: c.field,
            values: c.values.map {
                ConflictValue(value: $0.value, device: $0.dot.device, deviceName: names[$0.dot.device], seq: $0.dot.seq, milliseconds: $0.hlc.milliseconds)
            },
            editedFields: c.editedFields, links: try c.links.map(conflictRecord),
            cycle: try c.cycle.map { try conflictRecord(RecordKey(entity: c.record.entity, record: $0)) })
        open.handle = ConflictHandle.make(c)
        return open
    }

    private func conflictRecord(_ key: RecordKey) throws -> ConflictRecord {
        if key.entity == "interaction", let e = try interaction(id: key.record) { return ConflictRecord(key: key, name: Workspace.describe(e)) }
        return ConflictRecord(key: key, name: try store.record(key.entity, id: key.record)?.displayName ?? String(key.record.hex.prefix(8)))
    }
}
