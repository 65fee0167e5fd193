import Foundation
import TouchbaseCore
import TouchbaseStore

/// Who changed a contact or hub, what, when and on which device.
extension Workspace {
    /// Every change that touched a contact or hub, its taggings and memberships, and the
    /// duplicates merged into it: one entry per change, oldest first.
    public func history(of target: TagTarget, _ id: RecordID) throws -> [RecordChange] {
        let entity = target.entity
        let aliases = try store.aliases(of: id, entity: entity)
        let keys = aliases.map { RecordKey(entity: entity, record: $0) } + (try aliases.flatMap(store.linkedRecords))
        var byDot: [Dot: (hlc: HLC, name: String?, ops: [Op])] = [:]
        var seen = Set<RecordID>()
        for key in keys where seen.insert(key.record).inserted {
            for e in try store.history(of: key.record) {
                byDot[e.dot, default: (e.hlc, e.deviceName, [])].ops += e.ops.filter { $0.entity == key.entity }
            }
        }
        return try byDot.sorted { ($0.value.hlc, $0.key.device) < ($1.value.hlc, $1.key.device) }.map { dot, entry in
            RecordChange(device: dot.device, deviceName: entry.name, sequence: dot.seq, milliseconds: entry.hlc.milliseconds,
                         events: try events(entry.ops, subject: id), ops: entry.ops)
        }
    }

    /// How many changes of a contact or hub (and of the duplicates merged into it) are no longer in
    /// this database's change log (Protocol/SPEC.md §3.7, "The local log"): compacted once a
    /// snapshot held them and every device had them, or known only through the snapshot this
    /// database started from. Their result is in the current values; ``history(of:_:)`` lists only
    /// the changes that remain.
    public func compactedHistory(of target: TagTarget, _ id: RecordID) throws -> Int {
        try store.aliases(of: id, entity: target.entity).reduce(0) { $0 + (try store.compactedHistory(of: $1)) }
    }

    /// The name of a contact or hub by id (deleted and merged ones included), `nil` when there is
    /// neither.
    public func recordName(_ id: RecordID) throws -> String? {
        for entity in ["contact", "hub"] {
            if let r = try store.record(entity, id: id) { return r.displayName }
        }
        return nil
    }

    private func events(_ ops: [Op], subject: RecordID) throws -> [HistoryEvent] {
        var order: [RecordID] = []
        var byRecord: [RecordID: [Op]] = [:]
        for op in ops {
            if byRecord[op.record] == nil { order.append(op.record) }
            byRecord[op.record, default: []].append(op)
        }
        return try order.map { id in
            let mine = byRecord[id]!
            let removed = mine.contains { $0.field == Merger.deletedField && $0.value == .bool(true) }
            switch mine[0].entity {
            case "tagging":
                let name = try store.record("tagging", id: id)?["tag"].ref.flatMap { try store.record("tag", id: $0) }?.text("name")
                return removed ? .untagged(name) : .tagged(name)
            case "membership":
                let m = try store.record("membership", id: id)
                let contact = m?["contact"].ref, hub = m?["hub"].ref
                if removed { return .left(contact: contact, hub: hub) }
                return .joined(contact: contact, hub: hub, role: mine.first { $0.field == "role" }?.value.text)
            default:
                return .fields(duplicate: id == subject ? nil : id, changes: mine.map(FieldChange.init))
            }
        }
    }
}
