/// Registers and applied Changes held in memory: the storage of a ``Replica``.
public struct MemoryStorage: RegisterStorage, Hashable, Sendable {
    /// Every written register.
    public private(set) var registers: [FieldKey: Register] = [:]
    /// The written fields of each record.
    public private(set) var fieldsByRecord: [RecordKey: Set<String>] = [:]
    /// The causal past of every applied Change.
    public private(set) var pasts: [Dot: VersionVector] = [:]

    /// Empty storage.
    public init() {}

    public func register(_ key: FieldKey) -> Register { registers[key] ?? Register() }

    public mutating func setRegister(_ register: Register, for key: FieldKey) {
        registers[key] = register
        fieldsByRecord[key.recordKey, default: []].insert(key.field)
    }

    public func registers(of record: RecordKey) -> [String: Register] {
        var out: [String: Register] = [:]
        for f in fieldsByRecord[record] ?? [] {
            out[f] = registers[FieldKey(entity: record.entity, record: record.record, field: f)]
        }
        return out
    }

    public func causalPast(of dot: Dot) -> VersionVector? { pasts[dot] }

    /// Records that a Change was applied, so later deletes can consult its causal past.
    public mutating func noteApplied(_ change: Change) { pasts[change.dot] = change.causalPast }
}
