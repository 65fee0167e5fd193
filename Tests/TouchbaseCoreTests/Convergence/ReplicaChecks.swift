import TouchbaseCore

/// Checks on one replica, each returning readable violations (empty when all hold).
enum ReplicaChecks {
    /// Whether Change `a` is in the causal past of Change `b`, read off `b`'s own vector.
    static func happenedBefore(_ a: Dot, _ b: Change) -> Bool {
        a.device == b.device ? a.seq < b.seq : b.deps[a.device] >= a.seq
    }

    /// The invariants that must hold after every merge step (`_checkInvariants`):
    /// - the version vector equals the applied log (every device's Changes 1…n, nothing else);
    /// - every applied Change had its gates open (its causal past is applied) and its causal past
    ///   is what storage remembers;
    /// - nothing pending is already applied, and nothing pending is ready (the gates reached a
    ///   fixed point);
    /// - every register is non-empty, canonically ordered, holds no value that happened before
    ///   another of its values, and each value is the last put of that field in its Change;
    /// - the clock is not behind any applied stamp.
    static func invariants(_ r: Replica, epoch: UInt64) -> [String] {
        var out: [String] = []
        var seqs: [DeviceID: [UInt64]] = [:]
        for (dot, c) in r.log {
            if c.dot != dot { out.append("log entry \(Names.dot(dot)) holds \(Names.dot(c.dot))") }
            seqs[dot.device, default: []].append(dot.seq)
            let past = c.causalPast
            if !r.version.covers(past) {
                out.append("\(Names.dot(dot)) applied without its causal past \(Names.vector(past)); version \(Names.vector(r.version))")
            }
            if r.storage.causalPast(of: dot) != past {
                out.append("storage remembers a wrong causal past for \(Names.dot(dot))")
            }
            if c.hlc > r.clock.last {
                out.append("clock \(Names.hlc(r.clock.last, epoch: epoch)) is behind applied \(Names.dot(dot)) \(Names.hlc(c.hlc, epoch: epoch))")
            }
        }
        var expectedVersion = VersionVector()
        for (d, list) in seqs {
            let sorted = list.sorted()
            if sorted.enumerated().contains(where: { $0.element != UInt64($0.offset + 1) }) {
                out.append("\(Names.device(d)) applied with a gap: \(sorted)")
            }
            expectedVersion[d] = sorted.last ?? 0
        }
        if expectedVersion != r.version {
            out.append("version \(Names.vector(r.version)) ≠ applied log \(Names.vector(expectedVersion))")
        }
        let waiting = r.pending.isEmpty ? [:] : r.waitingFor
        for (dot, c) in r.pending {
            if r.version.contains(dot) { out.append("pending \(Names.dot(dot)) is already applied") }
            if r.isReady(c) { out.append("pending \(Names.dot(dot)) is ready but was held back") }
            if (waiting[dot] ?? []).isEmpty { out.append("pending \(Names.dot(dot)) waits for nothing") }
        }
        var recordsSeen = Set<RecordKey>()
        for (key, reg) in r.storage.registers {
            recordsSeen.insert(key.recordKey)
            func name() -> String { "\(key.entity)/\(Names.record(key.record)).\(key.field)" }
            if reg.isEmpty { out.append("\(name()): empty register stored") }
            let dots = reg.values.map(\.dot)
            if dots != dots.sorted() || Set(dots).count != dots.count {
                out.append("\(name()): values not in canonical order or a dot twice: \(Names.register(reg, epoch: epoch))")
            }
            for v in reg.values {
                guard let c = r.log[v.dot] else {
                    out.append("\(name()): value from unapplied \(Names.dot(v.dot))")
                    continue
                }
                let last = c.ops.last { $0.key == key }
                if last?.value != v.value || c.hlc != v.hlc {
                    out.append("\(name()): value \(Names.registerValue(v, epoch: epoch)) is not what \(Names.dot(v.dot)) put last")
                }
                for w in reg.values where w.dot != v.dot && happenedBefore(w.dot, c) {
                    out.append("\(name()): holds \(Names.dot(w.dot)) which happened before \(Names.dot(v.dot)): \(Names.register(reg, epoch: epoch))")
                }
            }
            if !(r.storage.fieldsByRecord[key.recordKey]?.contains(key.field) ?? false) {
                out.append("\(name()): register not indexed under its record")
            }
        }
        for (record, fields) in r.storage.fieldsByRecord where !recordsSeen.contains(record) || fields.isEmpty {
            out.append("\(record.entity)/\(Names.record(record.record)) indexed without registers")
        }
        return out
    }

    /// Differences between a replica's observable state and the oracle's expectation.
    static func compare(_ state: ReplicaState, with e: Oracle.Expected, epoch: UInt64) -> [String] {
        var out: [String] = []
        let have = Set(state.records.keys)
        for k in e.records.subtracting(have).sorted() { out.append("record \(k.entity)/\(Names.record(k.record)) missing") }
        for k in have.subtracting(e.records).sorted() { out.append("record \(k.entity)/\(Names.record(k.record)) unexpected") }
        for (key, values) in e.registers.sorted(by: { $0.key < $1.key }) {
            func name() -> String { "\(key.entity)/\(Names.record(key.record)).\(key.field)" }
            let reg = state.records[key.recordKey]?.fields[key.field]
            if reg != Register(values: values) || Set(reg?.values ?? []) != Set(values) {
                out.append("\(name()): register \(Names.register(reg, epoch: epoch)), expected every put not superseded: "
                           + Names.register(Register(values: values), epoch: epoch))
            }
            if let reg, reg.value != e.displayed(key)?.value || reg.winner != e.displayed(key) {
                out.append("\(name()): displays \(Names.value(reg.value)), expected the max (hlc, device) "
                           + (e.displayed(key).map { Names.registerValue($0, epoch: epoch) } ?? "-"))
            }
        }
        for (key, rs) in state.records.sorted(by: { $0.key < $1.key }) {
            func name() -> String { "\(key.entity)/\(Names.record(key.record))" }
            let extra = Set(rs.fields.keys).subtracting(e.registers.keys.filter { $0.recordKey == key }.map(\.field))
            if !extra.isEmpty { out.append("\(name()): unexpected fields \(extra.sorted())") }
            if let s = e.status[key], s != rs.status {
                out.append("\(name()): status deleted=\(rs.status.deleted) edited=\(rs.status.editedDuringDelete), expected deleted=\(s.deleted) edited=\(s.editedDuringDelete)")
            }
            if let s = e.survivor[key], s != rs.survivor {
                out.append("\(name()): survivor \(Names.record(rs.survivor)), expected \(Names.record(s))")
            }
        }
        let conflicts = Set(state.conflicts)
        if conflicts.count != state.conflicts.count { out.append("a conflict is listed twice") }
        let sortedKeys = state.conflicts.map { ($0.record, $0.field, $0.kind.rawValue) }
        for i in sortedKeys.indices.dropFirst() where !(sortedKeys[i - 1] < sortedKeys[i]) {
            out.append("conflicts not in canonical order at \(i)")
        }
        for c in e.conflicts.subtracting(conflicts).sorted(by: conflictOrder) { out.append("missing conflict: " + Names.conflict(c, epoch: epoch)) }
        for c in conflicts.subtracting(e.conflicts).sorted(by: conflictOrder) { out.append("unexpected conflict: " + Names.conflict(c, epoch: epoch)) }
        return out
    }

    static func conflictOrder(_ a: Conflict, _ b: Conflict) -> Bool {
        (a.record, a.field, a.kind.rawValue, a.cycle.count) < (b.record, b.field, b.kind.rawValue, b.cycle.count)
    }

    /// A readable difference between two replicas' states.
    static func diff(_ a: ReplicaState, _ b: ReplicaState, epoch: UInt64) -> [String] {
        var out: [String] = []
        for key in Set(a.records.keys).union(b.records.keys).sorted() where a.records[key] != b.records[key] {
            let name = "\(key.entity)/\(Names.record(key.record))"
            guard let x = a.records[key], let y = b.records[key] else {
                out.append("\(name) present on one side only")
                continue
            }
            for f in Set(x.fields.keys).union(y.fields.keys).sorted() where x.fields[f] != y.fields[f] {
                out.append("\(name).\(f): \(Names.register(x.fields[f], epoch: epoch)) vs \(Names.register(y.fields[f], epoch: epoch))")
            }
            if x.status != y.status { out.append("\(name) status: \(x.status) vs \(y.status)") }
            if x.survivor != y.survivor { out.append("\(name) survivor: \(Names.record(x.survivor)) vs \(Names.record(y.survivor))") }
        }
        if a.conflicts != b.conflicts {
            out.append("conflicts: [" + a.conflicts.map { Names.conflict($0, epoch: epoch) }.joined(separator: "; ")
                       + "] vs [" + b.conflicts.map { Names.conflict($0, epoch: epoch) }.joined(separator: "; ") + "]")
        }
        return out
    }
}
