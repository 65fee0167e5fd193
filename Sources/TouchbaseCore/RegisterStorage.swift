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
}
