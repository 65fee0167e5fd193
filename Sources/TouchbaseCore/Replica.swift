/// A whole replica in memory: the merge rules with gates, a clock and a log.
///
/// This is the model the Store must agree with, and what the convergence tests drive: local edits
/// become Changes, remote Changes wait at the gates until their predecessor and deps are applied.
///
/// ```swift
/// var a = Replica(device: deviceA), b = Replica(device: deviceB)
/// let c = a.commit([Op(entity: "contact", record: id, field: "name", value: .text("Ada"))], wallMilliseconds: now)
/// b.receive([c])
/// assert(a.state == b.state)
/// ```
public struct Replica: Sendable {
    /// This replica's device.
    public let device: DeviceID
    /// The clock that stamps local Changes.
    public private(set) var clock: HybridClock
    /// What has been applied, own Changes included.
    public private(set) var version = VersionVector()
    /// Registers and causal pasts.
    public private(set) var storage = MemoryStorage()
    /// Every applied Change, by dot.
    public private(set) var log: [Dot: Change] = [:]
    /// Received Changes waiting at the gates.
    public private(set) var pending: [Dot: Change] = [:]

    /// A new, empty replica.
    public init(device: DeviceID, clock: HybridClock = HybridClock()) {
        self.device = device
        self.clock = clock
    }

    /// Makes a local Change of `ops`, applies it and returns it for publishing.
    public mutating func commit(_ ops: [Op], wallMilliseconds: UInt64) -> Change {
        let change = Change(device: device, seq: version[device] + 1, hlc: clock.tick(wallMilliseconds: wallMilliseconds),
                            deps: version, ops: ops)
        apply(change)
        return change
    }

    /// Accepts Changes in any order, duplicated or not; applies each once its gates open.
    ///
    /// - Returns: the Changes applied by this call, in the order applied.
    @discardableResult
    public mutating func receive(_ changes: [Change]) -> [Change] {
        var all = Array(pending.values)
        all += changes
        var v = version
        var applied: [Change] = []
        let outcome = CausalScheduler.run(all, version: &v) { c in
            clock.observe(c.hlc)
            apply(c)
            applied.append(c)
        }
        pending = [:]
        for c in outcome.waiting { pending[c.dot] = c }
        return applied
    }

    /// Whether a Change's predecessor and deps are all applied.
    public func isReady(_ c: Change) -> Bool {
        c.isReady(given: version)
    }

    /// What the pending Changes wait for: for each waiting Change, the first missing Change of each
    /// device it needs more of.
    public var waitingFor: [Dot: [Dot]] {
        var out: [Dot: [Dot]] = [:]
        for (dot, c) in pending { out[dot] = c.missing(given: version) }
        return out
    }

    private mutating func apply(_ change: Change) {
        // MemoryStorage never throws.
        _ = try? Merger.apply(change, to: &storage)
        storage.noteApplied(change)
        log[change.dot] = change
        version[change.device] = change.seq
    }

    /// The register of one field.
    public func register(_ key: FieldKey) -> Register { storage.register(key) }

    /// The displayed value of one field.
    public func value(_ key: FieldKey) -> Value { storage.register(key).value }

    /// Whether a record is deleted and why it is kept.
    public func status(of record: RecordKey) -> RecordStatus {
        var s = storage
        return (try? Merger.status(of: record, in: &s)) ?? RecordStatus(deleted: false, editedDuringDelete: [])
    }

    /// Where reading a record leads through `mergedInto`.
    public func resolve(_ record: RecordKey) -> MergeGraph.Resolution {
        MergeGraph.resolve(record.record) { id in
            storage.register(FieldKey(entity: record.entity, record: id, field: Merger.mergedIntoField)).value.ref
        }
    }

    /// The full observable state: every register, every record's status, every open conflict.
    public var state: ReplicaState {
        var records: [RecordKey: ReplicaState.RecordState] = [:]
        for record in storage.fieldsByRecord.keys {
            records[record] = .init(fields: storage.registers(of: record), status: status(of: record),
                                    survivor: resolve(record).survivor)
        }
        return ReplicaState(records: records, conflicts: conflicts)
    }

    /// Every open conflict, in a canonical order.
    public var conflicts: [Conflict] {
        var out: [Conflict] = []
        // A cycle is identified by its entity and survivor (a record lies on at most one cycle);
        // the ids alone are not enough: two entity types may hold cycles over the same ids.
        var cycles = Set<RecordKey>()
        for record in storage.fieldsByRecord.keys {
            let fields = storage.registers(of: record)
            for (field, register) in fields where register.isConflict {
                out.append(Conflict(kind: .field, record: record, field: field, values: register.distinctValues))
            }
            let status = status(of: record)
            if status.hasDeleteConflict {
                out.append(Conflict(kind: .deleteVsEdit, record: record, field: Merger.deletedField,
                                    values: fields[Merger.deletedField]?.distinctValues ?? [], editedFields: status.editedDuringDelete,
                                    links: status.editedLinks))
            }
            if status.hasMergeConflict {
                out.append(Conflict(kind: .mergeVsEdit, record: record, field: Merger.mergedIntoField,
                                    values: fields[Merger.mergedIntoField]?.distinctValues ?? [], editedFields: status.editedDuringMerge,
                                    links: [RecordKey(entity: record.entity, record: resolve(record).survivor)]))
            }
            if fields[Merger.mergedIntoField]?.value.ref != nil {
                let r = resolve(record)
                let key = RecordKey(entity: record.entity, record: r.survivor)
                if !r.cycle.isEmpty, cycles.insert(key).inserted {
                    // The competing pointers: each member's `mergedInto` values, members in id order.
                    let values = r.cycle.flatMap {
                        storage.register(FieldKey(entity: record.entity, record: $0, field: Merger.mergedIntoField)).distinctValues
                    }
                    out.append(Conflict(kind: .mergeCycle, record: key, field: Merger.mergedIntoField, values: values, cycle: r.cycle))
                }
            }
        }
        return out.sorted { ($0.record, $0.field, $0.kind.rawValue) < ($1.record, $1.field, $1.kind.rawValue) }
    }
}
