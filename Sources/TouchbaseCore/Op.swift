/// One field put inside a Change: set `field` of the record `(entity, record)` to `value`.
///
/// Every edit is a put: creating a record puts its fields, deleting it puts `deleted = true`,
/// merging it into another puts `mergedInto`.
public struct Op: Hashable, Sendable {
    /// The entity type, e.g. `contact`. Unknown entity types are kept and forwarded.
    public var entity: String
    /// The record.
    public var record: RecordID
    /// The field name, e.g. `name`. Unknown fields are kept and forwarded.
    public var field: String
    /// The new value.
    public var value: Value

    /// Creates a put.
    public init(entity: String, record: RecordID, field: String, value: Value) {
        self.entity = entity
        self.record = record
        self.field = field
        self.value = value
    }

    /// The register this op writes.
    public var key: FieldKey { FieldKey(entity: entity, record: record, field: field) }
}
