import TouchbaseCore

/// The expected state of a causally closed set of Changes, computed from the log alone and written
/// independently of `Register.put`, `Merger` and `MergeGraph`: the happened-before relation is the
/// transitive closure of each Change's direct parents (its predecessor on the same device and the
/// tip of every device in `deps`), and every rule of DESIGN.md §3 is restated over whole sets.
struct Oracle {
    /// The Changes, by dot.
    let changes: [Dot: Change]
    /// The strict causal past of each Change (transitive closure of parent edges).
    private(set) var past: [Dot: Set<Dot>] = [:]
    /// Structural problems of the log itself (dangling deps, gaps).
    private(set) var problems: [String] = []

    init<S: Sequence>(_ log: S) where S.Element == Change {
        var byDot: [Dot: Change] = [:]
        for c in log { byDot[c.dot] = c }
        changes = byDot
        for dot in byDot.keys.sorted() { _ = closure(of: dot) }
    }

    /// The direct parents of a Change.
    static func parents(of c: Change) -> [Dot] {
        var out: [Dot] = []
        if c.seq > 1 { out.append(Dot(device: c.device, seq: c.seq - 1)) }
        for (d, s) in c.deps.sorted where d != c.device && s > 0 { out.append(Dot(device: d, seq: s)) }
        return out
    }

    private mutating func closure(of dot: Dot) -> Set<Dot> {
        if let known = past[dot] { return known }
        guard let c = changes[dot] else {
            problems.append("a Change depends on \(Names.dot(dot)), which is not in the log")
            return []
        }
        var out = Set<Dot>()
        for p in Oracle.parents(of: c) {
            out.insert(p)
            out.formUnion(closure(of: p))
        }
        past[dot] = out
        return out
    }

    /// Whether `a` happened before `b` (strictly).
    func happenedBefore(_ a: Dot, _ b: Dot) -> Bool { past[b]?.contains(a) ?? false }

    /// The dots implied by a Change's version vector: `deps` plus the device's earlier Changes.
    static func vectorPast(of c: Change) -> Set<Dot> {
        var out = Set<Dot>()
        for (d, s) in c.deps.sorted where d != c.device {
            for k in stride(from: UInt64(1), through: s, by: 1) { out.insert(Dot(device: d, seq: k)) }
        }
        for k in stride(from: UInt64(1), to: c.seq, by: 1) { out.insert(Dot(device: c.device, seq: k)) }
        return out
    }

    /// Display order: highest `(hlc, device)` first (seq only to make it total).
    static func displaysBefore(_ a: RegisterValue, _ b: RegisterValue) -> Bool {
        if a.hlc != b.hlc { return a.hlc > b.hlc }
        if a.dot.device != b.dot.device { return a.dot.device > b.dot.device }
        return a.dot.seq > b.dot.seq
    }

    // MARK: - Registers

    /// Every put, per field: one value per Change (a later put of the same field in one Change wins).
    var puts: [FieldKey: [RegisterValue]] {
        var out: [FieldKey: [RegisterValue]] = [:]
        for c in changes.values {
            var last: [FieldKey: Value] = [:]
            for op in c.ops { last[op.key] = op.value }
            for (k, v) in last { out[k, default: []].append(RegisterValue(dot: c.dot, hlc: c.hlc, value: v)) }
        }
        return out
    }

    /// The surviving values of each field: the puts not in the causal past of another put of the
    /// same field.
    func survivors() -> [FieldKey: [RegisterValue]] {
        var out: [FieldKey: [RegisterValue]] = [:]
        for (key, all) in puts {
            out[key] = all.filter { p in !all.contains { q in q.dot != p.dot && happenedBefore(p.dot, q.dot) } }
                .sorted { $0.dot < $1.dot }
        }
        return out
    }

    // MARK: - The expected state

    struct Expected {
        var registers: [FieldKey: [RegisterValue]]
        var records: Set<RecordKey>
        var status: [RecordKey: RecordStatus]
        var survivor: [RecordKey: RecordID]
        var conflicts: Set<Conflict>

        func displayed(_ key: FieldKey) -> RegisterValue? {
            registers[key]?.min(by: Oracle.displaysBefore)
        }
    }

    func expected() -> Expected {
        let regs = survivors()
        var byRecord: [RecordKey: [String: [RegisterValue]]] = [:]
        for (k, v) in regs { byRecord[k.recordKey, default: [:]][k.field] = v }

        func displayed(_ values: [RegisterValue]?) -> RegisterValue? { values?.min(by: Oracle.displaysBefore) }
        func distinct(_ values: [RegisterValue]) -> [RegisterValue] {
            var out: [RegisterValue] = []
            for v in values.sorted(by: Oracle.displaysBefore) where !out.contains(where: { $0.value == v.value }) { out.append(v) }
            return out
        }

        var status: [RecordKey: RecordStatus] = [:]
        var conflicts = Set<Conflict>()
        // Field conflicts: different surviving values.
        for (record, fields) in byRecord {
            for (field, values) in fields where Set(values.map(\.value)).count > 1 {
                conflicts.insert(Conflict(kind: .field, record: record, field: field, values: distinct(values)))
            }
        }

        // Merges: follow displayed `mergedInto` within the entity; a cycle resolves to its smallest id.
        func next(_ r: RecordKey) -> RecordKey? {
            guard case .ref(let to)? = displayed(byRecord[r]?[Merger.mergedIntoField])?.value else { return nil }
            return RecordKey(entity: r.entity, record: to)
        }
        var survivor: [RecordKey: RecordID] = [:]
        for record in byRecord.keys {
            var path: [RecordKey] = [record]
            var current = record
            while let n = next(current) {
                if let i = path.firstIndex(of: n) {
                    let cycle = path[i...].map(\.record).sorted()
                    current = RecordKey(entity: record.entity, record: cycle[0])
                    // The competing pointers: each member's `mergedInto` values, members in id order.
                    let values = cycle.flatMap { distinct(byRecord[RecordKey(entity: record.entity, record: $0)]?[Merger.mergedIntoField] ?? []) }
                    conflicts.insert(Conflict(kind: .mergeCycle, record: current, field: Merger.mergedIntoField,
                                              values: values, cycle: cycle))
                    break
                }
                path.append(n)
                current = n
            }
            survivor[record] = current.record
        }

        // What shows under a record: its entity's records whose survivor it is, and the records whose
        // displayed link field points at it or at one of those.
        func shownUnder(_ r: RecordKey) -> [RecordKey] {
            let merged = byRecord.keys.filter { $0.entity == r.entity && $0 != r && survivor[$0] == r.record }
            let targets = Set(merged.map(\.record) + [r.record])
            var out = merged
            for link in Schema.shownUnder where link.target == r.entity {
                out += byRecord.keys.filter { k in
                    guard k.entity == link.entity, case .ref(let to)? = displayed(byRecord[k]?[link.field])?.value else { return false }
                    return targets.contains(to)
                }
            }
            return out.sorted()
        }
        // A value is covered by a put when the put's Change made it or saw it.
        func covered(_ v: RegisterValue, by puts: [Dot]) -> Bool { puts.contains { $0 == v.dot || happenedBefore(v.dot, $0) } }

        for (record, fields) in byRecord {
            var s = RecordStatus(deleted: false, editedDuringDelete: [])
            // Merge vs edit: a merged duplicate's field values outside every surviving merge.
            if let to = survivor[record], to != record.record {
                let merges = (fields[Merger.mergedIntoField] ?? []).filter { $0.value.ref != nil }.map(\.dot)
                s.editedDuringMerge = fields.keys.filter { $0 != Merger.deletedField && $0 != Merger.mergedIntoField }.filter { field in
                    fields[field]!.contains { !covered($0, by: merges) }
                }.sorted()
                if !s.editedDuringMerge.isEmpty {
                    conflicts.insert(Conflict(kind: .mergeVsEdit, record: record, field: Merger.mergedIntoField,
                                              values: distinct(fields[Merger.mergedIntoField] ?? []), editedFields: s.editedDuringMerge,
                                              links: [RecordKey(entity: record.entity, record: to)]))
                }
            }
            // Delete vs edit: a value of another field, of the record or of one showing under it,
            // outside every surviving delete.
            let deletedValues = fields[Merger.deletedField] ?? []
            if displayed(deletedValues)?.value == .bool(true) {
                let deletes = deletedValues.filter { $0.value == .bool(true) }.map(\.dot)
                func escapes(_ k: RecordKey) -> [String] {
                    (byRecord[k] ?? [:]).filter { $0.key != Merger.deletedField && $0.value.contains { !covered($0, by: deletes) } }.keys.sorted()
                }
                s.editedDuringDelete = escapes(record)
                s.editedLinks = shownUnder(record).filter { !escapes($0).isEmpty }
                s.deleted = !s.hasDeleteConflict
                if s.hasDeleteConflict {
                    conflicts.insert(Conflict(kind: .deleteVsEdit, record: record, field: Merger.deletedField,
                                              values: distinct(deletedValues), editedFields: s.editedDuringDelete, links: s.editedLinks))
                }
            }
            status[record] = s
        }
        return Expected(registers: regs, records: Set(byRecord.keys), status: status, survivor: survivor, conflicts: conflicts)
    }
}
