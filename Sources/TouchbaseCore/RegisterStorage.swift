/// Where the merge rules keep registers: an in-memory dictionary in ``Replica``, SQLite tables in
/// the Store. The rules in ``Merger`` are written once against this protocol, so every storage
/// merges identically.
public protocol RegisterStorage {
    /// The register of one field (empty if never written).
    mutating func register(_ key: FieldKey) throws -> Register
    /// Replaces the register of one field.
    mutating func setRegister(_ register: Register, for key: FieldKey) throws
    /// Every written field of a record, by field name.
    mutating func registers(of record: RecordKey) throws -> [String: Register]
    /// The causal past of an applied Change, or `nil` if it is unknown.
    mutating func causalPast(of dot: Dot) throws -> VersionVector?
    /// The records other than `record` that show under it (Protocol/SPEC.md §13): records of its
    /// entity whose survivor it is, and the records whose displayed link field (``Schema/shownUnder``)
    /// refers to it or to one of those. Sorted.
    mutating func recordsShown(under record: RecordKey) throws -> [RecordKey]
}

extension RegisterStorage {
    /// Where reading `record` leads through displayed `mergedInto` values.
    public mutating func survivor(of record: RecordKey) throws -> MergeGraph.Resolution {
        try MergeGraph.resolve(record.record) { id in
            try register(FieldKey(entity: record.entity, record: id, field: Merger.mergedIntoField)).value.ref
        }
    }
}
