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

    /// Changes a written register in place; a field never written goes through ``setRegister(_:for:)``.
    public mutating func modifyRegister(_ key: FieldKey, _ body: (inout Register) throws -> Bool) rethrows -> Bool {
        guard registers[key] != nil else {
            var register = Register()
            guard try body(&register) else { return false }
            setRegister(register, for: key)
            return true
        }
        return try body(&registers[key]!)
    }

    public func registers(of record: RecordKey) -> [String: Register] {
        var out: [String: Register] = [:]
        for f in fieldsByRecord[record] ?? [] {
            out[f] = registers[FieldKey(entity: record.entity, record: record.record, field: f)]
        }
        return out
    }

    public func causalPast(of dot: Dot) -> VersionVector? { pasts[dot] }

    public func recordsShown(under record: RecordKey) -> [RecordKey] {
        var storage = self
        var out: [RecordKey] = []
        var targets: Set<RecordID> = [record.record]
        for other in fieldsByRecord.keys where other.entity == record.entity && other != record {
            guard register(FieldKey(entity: other.entity, record: other.record, field: Merger.mergedIntoField)).value.ref != nil,
                  (try? storage.survivor(of: other))?.survivor == record.record else { continue }
            out.append(other)
            targets.insert(other.record)
        }
        for link in Schema.shownUnder where link.target == record.entity {
            for other in fieldsByRecord.keys where other.entity == link.entity {
                if let to = register(FieldKey(entity: other.entity, record: other.record, field: link.field)).value.ref, targets.contains(to) {
                    out.append(other)
                }
            }
        }
        return out.sorted()
    }

    /// Records that a Change was applied, so later deletes can consult its causal past.
    public mutating func noteApplied(_ change: Change) { pasts[change.dot] = change.causalPast }
}
