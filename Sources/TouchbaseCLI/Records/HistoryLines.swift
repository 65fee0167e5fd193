import TouchbaseCore
import TouchbaseStore

/// Gathers a record's history and says in words what each Change did to it.
struct HistoryLines {
    /// The contact or hub whose history is shown.
    let subject: Record
    let store: Store

    /// One Change as it concerns the record and what hangs on it.
    struct Entry {
        var dot: Dot
        var hlc: HLC
        var deviceName: String?
        var ops: [Op]
    }

    /// The Changes that touched the record, its taggings and memberships, and duplicates merged into
    /// it: one entry per Change (its ops on all of these together), oldest first.
    static func entries(of record: Record, store: Store) throws -> [Entry] {
        let aliases = try store.aliases(of: record.id, entity: record.entity)
        let keys = aliases.map { RecordKey(entity: record.entity, record: $0) } + (try aliases.flatMap(store.linkedRecords))
        var byDot: [Dot: Entry] = [:]
        var seen = Set<RecordID>()
        for key in keys where seen.insert(key.record).inserted {
            for e in try store.history(of: key.record) {
                if byDot[e.dot] == nil { byDot[e.dot] = Entry(dot: e.dot, hlc: e.hlc, deviceName: e.deviceName, ops: []) }
                byDot[e.dot]!.ops += e.ops.filter { $0.entity == key.entity }
            }
        }
        return byDot.values.sorted { ($0.hlc, $0.dot.device) < ($1.hlc, $1.dot.device) }
    }

    /// What a Change's ops did, in words, one phrase per record: `name = "Ada", stage = "want"`,
    /// `tagged mentors`, `joined PyData`, `deleted`, `duplicate 1a2b3c4d: merged into Ada`.
    func describe(_ ops: [Op]) -> [String] {
        var order: [RecordID] = []
        var byRecord: [RecordID: [Op]] = [:]
        for op in ops {
            if byRecord[op.record] == nil { order.append(op.record) }
            byRecord[op.record, default: []].append(op)
        }
        return order.map { id in
            let mine = byRecord[id]!
            let removed = mine.contains { $0.field == Merger.deletedField && $0.value == .bool(true) }
            switch mine[0].entity {
            case "tagging": return tagging(id, removed: removed)
            case "membership": return membership(id, removed: removed, ops: mine)
            default:
                let prefix = id == subject.id ? "" : "duplicate \(RecordText.shortID(id)): "
                return prefix + mine.map(field).joined(separator: ", ")
            }
        }
    }

    private func field(_ op: Op) -> String {
        switch (op.field, op.value) {
        case (Merger.deletedField, .bool(true)): return "deleted"
        case (Merger.deletedField, _): return "restored"
        case (Merger.mergedIntoField, .ref(let id)): return "merged into \(name(id))"
        case (Merger.mergedIntoField, _): return "unmerged"
        case (_, .null): return "cleared \(RecordText.label(op.field))"
        case (_, .ref(let id)): return "\(RecordText.label(op.field)) = \(name(id))"
        default: return "\(RecordText.label(op.field)) = \"\(op.value.description)\""
        }
    }

    private func tagging(_ id: RecordID, removed: Bool) -> String {
        let tag = (try? store.record("tagging", id: id))?["tag"].ref.flatMap { try? store.record("tag", id: $0) }?.text("name") ?? "?"
        return "\(removed ? "untagged" : "tagged") \(tag)"
    }

    private func membership(_ id: RecordID, removed: Bool, ops: [Op]) -> String {
        let m = try? store.record("membership", id: id)
        let role = ops.first { $0.field == "role" }?.value.text.map { " as \($0)" } ?? ""
        if subject.entity == "hub" {
            let who = m?["contact"].ref.map(name) ?? "?"
            return removed ? "\(who) left" : "\(who) joined\(role)"
        }
        let hub = m?["hub"].ref.map(name) ?? "?"
        return removed ? "left \(hub)" : "joined \(hub)\(role)"
    }

    private func name(_ id: RecordID) -> String {
        for entity in ["contact", "hub"] {
            if let r = try? store.record(entity, id: id) { return r.displayName }
        }
        return RecordText.shortID(id)
    }
}
