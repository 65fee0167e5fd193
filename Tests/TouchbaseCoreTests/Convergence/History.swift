import TouchbaseCore
import TouchbaseTestSupport

extension SeededGenerator {
    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }
}

/// What a history's operations draw from: tiny pools, so that conflicts are frequent.
struct Universe {
    var devices: [DeviceID]
    var entities: [String]
    var records: [RecordID]
    var fields: [String]
    var values: [Value]

    static let entityPool = ["contact", "hub", "x-future-entity"]
    static let fieldPool = ["name", "role", "notes", "x-future-field"]
    static let valuePool: [Value] = [
        .text("x"), .text("y"), .text("z"), .null, .int(7), .texts(["a", "b"]),
        .date(CalendarDate(year: 2024, month: 2, day: 29)!), .unknown(tag: 0x41, bytes: [1, 2, 3]),
    ]

    /// 2–5 devices; 1–2 entity types sharing 2–4 record ids; 2–3 fields; 2–3 values (mostly texts).
    static func random(using rng: inout SeededGenerator) -> Universe {
        let devices = (1...UInt64(rng.int(2..<6))).map(Fixtures.device)
        let entities = Array(entityPool.shuffled(using: &rng).prefix(rng.chance(0.5) ? 1 : 2)).sorted()
        let records = (1...UInt64(rng.int(2..<5))).map(Fixtures.record)
        let fields = Array(fieldPool.shuffled(using: &rng).prefix(rng.int(2..<4))).sorted()
        var values: [Value] = Array([Value.text("x"), .text("y"), .text("z")].prefix(rng.int(2..<4)))
        if rng.chance(0.3) { values[values.count - 1] = rng.pick(valuePool) }
        // Canonically equivalent texts with different bytes are different values (SPEC §13).
        if rng.chance(0.1) { values = [.text("\u{E9}"), .text("e\u{301}")] }
        return Universe(devices: devices, entities: entities, records: records, fields: fields, values: values)
    }
}

/// A resolution made on one replica: an ordinary put answering a conflict it showed.
struct Resolution {
    var change: Change
    var conflict: Conflict
}

/// Counts of interesting situations, so a generator that stopped producing them fails loudly.
struct HistoryStats {
    var histories = 0
    var changes = 0
    var fieldConflicts = 0
    var deleteVsEdit = 0
    var mergeCycles = 0
    var mergeVsEdit = 0
    /// Delete-vs-edit conflicts kept open by a record showing under the deleted one.
    var linkedDeletes = 0
    var resolutions: [Conflict.Kind: Int] = [:]
    var heldBack = 0
    var codecRoundTrips = 0

    mutating func add(_ o: HistoryStats) {
        histories += o.histories; changes += o.changes; fieldConflicts += o.fieldConflicts
        deleteVsEdit += o.deleteVsEdit; mergeCycles += o.mergeCycles; heldBack += o.heldBack
        mergeVsEdit += o.mergeVsEdit; linkedDeletes += o.linkedDeletes
        codecRoundTrips += o.codecRoundTrips
        for (k, v) in o.resolutions { resolutions[k, default: 0] += v }
    }
}

/// One random history: devices edit, resolve and partially sync; then everything is delivered
/// everywhere and every property is checked. Failures are collected with the trace.
struct History {
    static let epoch: UInt64 = 1_767_603_600_000

    let seed: UInt64
    var rng: SeededGenerator
    let u: Universe
    var replicas: [Replica]
    var walls: [UInt64]
    /// Every Change made, in the order made (a topological order).
    var all: [Change] = []
    var resolutions: [Resolution] = []
    var trace: [TraceEvent] = []
    var failures: [String] = []
    var stats = HistoryStats()

    init(seed: UInt64) {
        self.seed = seed
        var g = SeededGenerator(seed: seed)
        let universe = Universe.random(using: &g)
        let day: Int64 = 86_400_000
        var skews: [Int64] = []
        for _ in universe.devices { skews.append([0, 0, 0, 60_000, -60_000, 3 * day, -3 * day][g.int(0..<7)]) }
        rng = g
        u = universe
        replicas = universe.devices.map { Replica(device: $0) }
        walls = skews.map { UInt64(Int64(History.epoch) + $0) }
        trace.append(.start(devices: universe.devices.count, skews: skews))
    }

    // MARK: - Running

    mutating func run() {
        let steps = rng.int(6..<36)
        for _ in 0..<steps {
            let d = rng.int(0..<replicas.count)
            advanceWall(d)
            let roll = rng.int(0..<100)
            if roll < 45 {
                edit(d)
            } else if roll < 60 {
                resolve(d)
            } else {
                var s = rng.int(0..<replicas.count - 1)
                if s >= d { s += 1 }
                sync(from: s, to: d)
            }
            if !failures.isEmpty { return }
        }
        finish()
    }

    /// Wall time mostly moves forward a little (often not at all, so stamps tie across devices),
    /// sometimes jumps back.
    mutating func advanceWall(_ d: Int) {
        if rng.chance(0.05) {
            walls[d] -= UInt64(rng.int(0..<5_000))
        } else {
            walls[d] += UInt64(rng.pick([0, 0, 1, 3, 50, 1_000]))
        }
    }

    mutating func check(_ ok: Bool, _ what: @autoclosure () -> String) {
        if !ok { failures.append(what()) }
    }

    mutating func checkReplica(_ i: Int, _ when: String) {
        for v in ReplicaChecks.invariants(replicas[i], epoch: History.epoch) {
            failures.append("\(when), \(Names.device(u.devices[i])): invariant: \(v)")
        }
    }

    @discardableResult
    mutating func commit(_ d: Int, _ ops: [Op], why: String) -> Change {
        let c = replicas[d].commit(ops, wallMilliseconds: walls[d])
        all.append(c)
        trace.append(.commit(c, why: why))
        checkReplica(d, "after commit \(Names.dot(c.dot))")
        return c
    }

    /// Puts, deletes, restores and merges on the pools.
    mutating func edit(_ d: Int) {
        var ops: [Op] = []
        for _ in 0..<rng.int(1..<4) {
            let entity = rng.pick(u.entities), record = rng.pick(u.records)
            func op(_ field: String, _ value: Value) -> Op { Op(entity: entity, record: record, field: field, value: value) }
            switch rng.int(0..<100) {
            case 0..<55: ops.append(op(rng.pick(u.fields), rng.pick(u.values)))
            case 55..<70: ops.append(op(Merger.deletedField, .bool(true)))
            case 70..<78: ops.append(op(Merger.deletedField, .bool(false)))
            case 78..<95:
                let others = u.records.filter { $0 != record }
                ops.append(op(Merger.mergedIntoField, .ref(rng.pick(others))))
            default: ops.append(op(Merger.mergedIntoField, .null))
            }
            // Touches logged against contacts (Protocol/SPEC.md §13: they show under the contact).
            if u.entities.contains("contact"), rng.chance(0.25) {
                let touch = Op(entity: "interaction", record: rng.pick(u.records), field: rng.chance(0.6) ? "contact" : "notes",
                               value: .ref(rng.pick(u.records)))
                ops.append(touch.field == "contact" ? touch : Op(entity: touch.entity, record: touch.record, field: "notes", value: rng.pick(u.values)))
            }
        }
        commit(d, ops, why: "edit")
    }

    /// Answers one of the conflicts this replica shows with an ordinary put.
    mutating func resolve(_ d: Int) {
        let open = replicas[d].conflicts
        guard !open.isEmpty else { return edit(d) }
        let c = rng.pick(open)
        let op: Op
        switch c.kind {
        case .field:
            let value: Value
            if rng.chance(0.5) {
                value = rng.pick(c.values).value
            } else if c.field == Merger.deletedField {
                value = .bool(rng.chance(0.5))
            } else if c.field == Merger.mergedIntoField {
                value = .null
            } else {
                value = rng.pick(u.values)
            }
            op = Op(entity: c.record.entity, record: c.record.record, field: c.field, value: value)
        case .deleteVsEdit:
            op = Op(entity: c.record.entity, record: c.record.record, field: Merger.deletedField, value: .bool(rng.chance(0.6)))
        case .mergeCycle:
            op = Op(entity: c.record.entity, record: c.record.record, field: Merger.mergedIntoField, value: .null)
        case .mergeVsEdit:
            // Merge again into the survivor (having seen the edits), or undo the merge.
            let value: Value = rng.chance(0.6) ? .ref(c.links[0].record) : .null
            op = Op(entity: c.record.entity, record: c.record.record, field: Merger.mergedIntoField, value: value)
        }
        let change = commit(d, [op], why: "resolve \(Names.conflict(c, epoch: History.epoch)) with")
        resolutions.append(Resolution(change: change, conflict: c))
        stats.resolutions[c.kind, default: 0] += 1
        checkResolutions(on: d, "right after resolving")
    }

    /// Delivers a random subset of what one replica has, shuffled, sometimes duplicated, sometimes
    /// through the codec; the gates must hold back what lacks its causal past.
    mutating func sync(from s: Int, to d: Int) {
        let source = replicas[s].log.values.sorted { $0.dot < $1.dot }
        let p = rng.pick([0.25, 0.6, 1.0])
        var batch = source.filter { _ in rng.chance(p) }.shuffled(using: &rng)
        if !batch.isEmpty, rng.chance(0.3) { batch.append(rng.pick(batch)) }
        let viaCodec = rng.chance(0.3)
        if viaCodec { batch = roundTrip(batch, "sync") }
        let applied = replicas[d].receive(batch)
        trace.append(.sync(from: u.devices[s], to: u.devices[d], offered: batch.map(\.dot),
                           applied: applied.map(\.dot),
                           held: Set(batch.map(\.dot)).filter { replicas[d].pending[$0] != nil }.sorted(), viaCodec: viaCodec))
        if !replicas[d].pending.isEmpty { stats.heldBack += 1 }
        let when = "after sync \(Names.device(u.devices[s])) → \(Names.device(u.devices[d]))"
        checkReplica(d, when)
        // Every prefix of history a replica holds is causally closed: it must already match the oracle.
        let oracle = Oracle(replicas[d].log.values)
        for v in ReplicaChecks.compare(replicas[d].state, with: oracle.expected(), epoch: History.epoch) {
            failures.append("\(when), \(Names.device(u.devices[d])): \(v)")
        }
        checkResolutions(on: d, when)
    }

    mutating func roundTrip(_ batch: [Change], _ when: String) -> [Change] {
        stats.codecRoundTrips += 1
        let bytes = ChangeCodec.encode(batch)
        do {
            let back = try ChangeCodec.decode(bytes)
            check(back == batch, "\(when): codec round trip changed the batch")
            return back
        } catch {
            failures.append("\(when): codec could not decode its own encoding: \(error)")
            return batch
        }
    }

    // MARK: - Final delivery and the properties

    mutating func finish() {
        let full = all
        var fullVersion = VersionVector()
        for c in full { fullVersion[c.device] = max(fullVersion[c.device], c.seq) }

        for i in replicas.indices {
            var order = full.shuffled(using: &rng)
            for _ in 0..<rng.int(0..<(full.count / 2 + 2)) where !full.isEmpty {
                order.insert(rng.pick(full), at: rng.int(0..<(order.count + 1)))
            }
            let mode = rng.int(0..<3)
            var batches: [[Change]] = []
            switch mode {
            case 0: batches = order.map { [$0] }
            case 1:
                var rest = order[...]
                while !rest.isEmpty {
                    let n = rng.int(1..<9)
                    batches.append(Array(rest.prefix(n)))
                    rest = rest.dropFirst(n)
                }
            default: batches = [order]
            }
            let viaCodec = rng.chance(0.4)
            for b in batches {
                let delivered = viaCodec ? roundTrip(b, "final delivery") : b
                replicas[i].receive(delivered)
                checkReplica(i, "during final delivery")
            }
            trace.append(.final(to: u.devices[i], changes: order.count, batches: batches.count,
                                mode: ["one at a time", "random chunks", "all at once"][mode], viaCodec: viaCodec))
            checkReplica(i, "after final delivery")
            let name = Names.device(u.devices[i]), version = replicas[i].version
            check(replicas[i].pending.isEmpty, "\(name) still has pending changes after full delivery")
            check(version == fullVersion, "\(name) version \(Names.vector(version)) ≠ \(Names.vector(fullVersion))")
        }

        // Observers that made no edits: reverse order all at once, and the whole log encoded once.
        var reverse = Replica(device: Fixtures.device(98))
        reverse.receive(full.reversed())
        var decoded = Replica(device: Fixtures.device(99))
        decoded.receive(roundTrip(full, "whole log"))
        let observers = [(reverse, "observer (reverse order)"), (decoded, "observer (codec)")]

        // (a) identical state everywhere.
        let states = replicas.map(\.state)
        let reference = states[0]
        for i in replicas.indices.dropFirst() {
            let s = states[i]
            if s != reference {
                failures.append("states differ: \(Names.device(u.devices[0])) vs \(Names.device(u.devices[i])):\n    "
                                + ReplicaChecks.diff(reference, s, epoch: History.epoch).joined(separator: "\n    "))
            }
        }
        for (o, name) in observers where o.state != reference {
            failures.append("states differ: \(Names.device(u.devices[0])) vs \(name):\n    "
                            + ReplicaChecks.diff(reference, o.state, epoch: History.epoch).joined(separator: "\n    "))
        }

        // (b), (d) and the merge graph against the independent oracle.
        let oracle = Oracle(full)
        for p in oracle.problems { failures.append("log: \(p)") }
        for c in full where Oracle.vectorPast(of: c) != oracle.past[c.dot] {
            failures.append("\(Names.dot(c.dot)): deps are not its exact causal past")
        }
        // Every replica's state equals the reference, so comparing the reference is enough.
        let expected = oracle.expected()
        for v in ReplicaChecks.compare(reference, with: expected, epoch: History.epoch) {
            failures.append("final, \(Names.device(u.devices[0])): \(v)")
        }
        check(reference.conflicts == replicas[0].conflicts, "state.conflicts ≠ conflicts")
        for key in reference.records.keys.sorted() where replicas[0].status(of: key) != reference.records[key]!.status {
            failures.append("final: status(of: \(Names.record(key.record))) disagrees with state")
        }
        // (d) explicitly: a delete concurrent with an edit leaves the record visible with the conflict.
        let devices = u.devices
        for (record, status) in expected.status where status.hasDeleteConflict {
            for (i, s) in states.enumerated() {
                check(s.records[record]?.status.deleted == false && s.conflicts.contains { $0.kind == .deleteVsEdit && $0.record == record },
                      "\(record.entity)/\(Names.record(record.record)): delete-vs-edit not visible on \(Names.device(devices[i]))")
            }
        }

        // (f) no edit made concurrently with a merge or a delete disappears without a conflict.
        for v in VisibilityCheck.violations(reference, oracle: oracle) { failures.append("final: \(v)") }

        // (c) resolutions clear their conflict everywhere once delivered.
        for i in replicas.indices { checkResolutions(on: i, "final") }

        // Clock: every Change orders after everything in its causal past, and each device's stamps increase.
        for c in full {
            for p in oracle.past[c.dot] ?? [] where oracle.changes[p]!.hlc >= c.hlc {
                failures.append("\(Names.dot(c.dot)) \(Names.hlc(c.hlc, epoch: History.epoch)) does not order after \(Names.dot(p)) \(Names.hlc(oracle.changes[p]!.hlc, epoch: History.epoch)) in its past")
            }
        }

        stats.histories = 1
        stats.changes = full.count
        for c in reference.conflicts {
            switch c.kind {
            case .field: stats.fieldConflicts += 1
            case .deleteVsEdit: stats.deleteVsEdit += 1
            case .mergeCycle: stats.mergeCycles += 1
            case .mergeVsEdit: stats.mergeVsEdit += 1
            }
            if c.kind == .deleteVsEdit, !c.links.isEmpty { stats.linkedDeletes += 1 }
        }
    }

    /// (c): for every resolution a replica has applied, the values the resolver saw are gone; and
    /// unless a Change outside the resolution's causal past touched the same thing since, the
    /// conflict is no longer shown.
    mutating func checkResolutions(on i: Int, _ when: String) {
        let rep = replicas[i]
        func who() -> String { "\(when), \(Names.device(rep.device))" }
        var shown: [Conflict]?
        func conflicts() -> [Conflict] {
            if let shown { return shown }
            shown = rep.conflicts
            return shown!
        }
        for res in resolutions where rep.version.contains(res.change.dot) {
            let r = res.change, c = res.conflict
            func what() -> String { "resolution \(Names.dot(r.dot)) of \(Names.conflict(c, epoch: History.epoch))" }
            let rPast = r.causalPast
            let later = rep.log.values.filter { $0.dot != r.dot && !rPast.contains($0.dot) }
            switch c.kind {
            case .field:
                let key = FieldKey(entity: c.record.entity, record: c.record.record, field: c.field)
                let reg = rep.register(key)
                for v in c.values where reg.values.contains(where: { $0.dot == v.dot }) {
                    failures.append("\(who()): \(what()): value \(Names.registerValue(v, epoch: History.epoch)) survived")
                }
                if !later.contains(where: { $0.ops.contains { $0.key == key } }) {
                    check(reg.values.map(\.dot) == [r.dot] && !reg.isConflict,
                          "\(who()): \(what()) did not clear it: \(Names.register(reg, epoch: History.epoch))")
                    check(!conflicts().contains { $0.kind == .field && $0.record == c.record && $0.field == c.field },
                          "\(who()): \(what()) still listed")
                }
            case .deleteVsEdit:
                // Records showing under it (merged duplicates, interactions) can reopen it, and so can
                // any merge or link that changes what shows under it.
                let linked = Set(rep.storage.recordsShown(under: c.record) + c.links)
                let touches = later.contains { $0.ops.contains { op in
                    op.key.recordKey == c.record || linked.contains(op.key.recordKey) || op.field == Merger.mergedIntoField
                        || Schema.shownUnder.contains { $0.entity == op.entity }
                } }
                if !touches {
                    let status = rep.status(of: c.record)
                    let deleted = r.ops[0].value == .bool(true)
                    check(!status.hasDeleteConflict && status.deleted == deleted,
                          "\(who()): \(what()) left status deleted=\(status.deleted) edited=\(status.editedDuringDelete)")
                    check(!conflicts().contains { $0.kind == .deleteVsEdit && $0.record == c.record }, "\(who()): \(what()) still listed")
                }
            case .mergeVsEdit:
                if !later.contains(where: { $0.ops.contains { $0.key.recordKey == c.record } }) {
                    check(!rep.status(of: c.record).hasMergeConflict && !conflicts().contains { $0.kind == .mergeVsEdit && $0.record == c.record },
                          "\(who()): \(what()) still listed")
                }
            case .mergeCycle:
                let touches = later.contains { $0.ops.contains { $0.entity == c.record.entity && $0.field == Merger.mergedIntoField } }
                if !touches {
                    check(!conflicts().contains { $0.kind == .mergeCycle && $0.record.entity == c.record.entity && $0.cycle == c.cycle },
                          "\(who()): \(what()) still listed")
                    for m in c.cycle {
                        let s = rep.resolve(RecordKey(entity: c.record.entity, record: m)).survivor
                        check(s == c.record.record, "\(who()): \(what()): \(Names.record(m)) now leads to \(Names.record(s))")
                    }
                }
            }
        }
    }

    /// The failure report: seed, replay command, what failed and the whole history.
    func report() -> String {
        var lines = ["Convergence failed for seed \(seed) (\(u.devices.count) devices, entities \(u.entities), "
                     + "records \(u.records.map(Names.record)), fields \(u.fields), values \(u.values.map(Names.value)))",
                     "replay: TOUCHBASE_SEED=\(seed) swift test --filter TouchbaseCoreTests.ConvergenceTests",
                     "failures:"]
        lines += failures.prefix(40).map { "  " + $0 }
        if failures.count > 40 { lines.append("  … \(failures.count - 40) more") }
        lines.append("history:")
        lines += trace.enumerated().map { "  \($0.offset). " + $0.element.render(epoch: History.epoch) }
        return lines.joined(separator: "\n")
    }

    /// The trace alone (printed when replaying one seed).
    func renderedTrace() -> String {
        trace.enumerated().map { "  \($0.offset). " + $0.element.render(epoch: History.epoch) }.joined(separator: "\n")
    }
}
