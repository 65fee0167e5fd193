/// A record of one entity type: the unit that is created, deleted and merged.
public struct RecordKey: Hashable, Comparable, Sendable {
    /// The entity type.
    public var entity: String
    /// The record id.
    public var record: RecordID

    /// Creates a record key.
    public init(entity: String, record: RecordID) {
        self.entity = entity
        self.record = record
    }

    public static func < (lhs: RecordKey, rhs: RecordKey) -> Bool { (lhs.entity, lhs.record) < (rhs.entity, rhs.record) }

    /// Hashes the record id alone: random ids already tell records apart, and a text (the entity)
    /// costs more to hash than the id. Keys of one id in two entities stay unequal.
    public func hash(into hasher: inout Hasher) { hasher.combine(record) }
}

/// One field of one record: the unit of a multi-value register.
public struct FieldKey: Hashable, Comparable, Sendable {
    /// The entity type.
    public var entity: String
    /// The record id.
    public var record: RecordID
    /// The field name.
    public var field: String

    /// Creates a field key.
    public init(entity: String, record: RecordID, field: String) {
        self.entity = entity
        self.record = record
        self.field = field
    }

    /// The record this field belongs to.
    public var recordKey: RecordKey { RecordKey(entity: entity, record: record) }

    public static func < (lhs: FieldKey, rhs: FieldKey) -> Bool {
        (lhs.entity, lhs.record, lhs.field) < (rhs.entity, rhs.record, rhs.field)
    }

    /// Hashes the record id and the field name, not the entity (as ``RecordKey``).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(record)
        hasher.combine(field)
    }
}
