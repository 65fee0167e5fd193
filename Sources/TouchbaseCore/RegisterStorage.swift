/// Where the merge rules keep registers: an in-memory dictionary in ``Replica``, SQLite tables in
/// the Store. The rules in ``Merger`` are written once against this protocol, so every storage
/// merges identically.
public protocol RegisterStorage {
    /// The register of one field (empty if never written).
    mutating func register(_ key: FieldKey) throws -> Register
    /// Replaces the register of one field.
    mutating func setRegister(_ register: Register, for key: FieldKey) throws
    /// Changes the register of one field where it is kept: `body` gets the register (empty if never
    /// written) and returns whether it changed it. A changed register is then stored as
    /// ``setRegister(_:for:)`` stores it; `body` must leave an unchanged register as it found it.
    ///
    /// The same as reading the register, changing it and setting it back, which the default does;
    /// a storage may do it with one lookup and no copy of the values.
    ///
    /// - Returns: what `body` returned.
    mutating func modifyRegister(_ key: FieldKey, _ body: (inout Register) throws -> Bool) throws -> Bool
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
    /// Reads the register, lets `body` change it, and sets it back when `body` says it changed.
    public mutating func modifyRegister(_ key: FieldKey, _ body: (inout Register) throws -> Bool) throws -> Bool {
        var register = try self.register(key)
        guard try body(&register) else { return false }
        try setRegister(register, for: key)
        return true
    }

    /// Where reading `record` leads through displayed `mergedInto` values.
    public mutating func survivor(of record: RecordKey) throws -> MergeGraph.Resolution {
        try MergeGraph.resolve(record.record) { id in
            try register(FieldKey(entity: record.entity, record: id, field: Merger.mergedIntoField)).value.ref
        }
    }
}
