/// A known entity type and its fields.
public struct EntitySchema: Hashable, Sendable {
    /// The entity name used in Ops, e.g. `contact`.
    public var name: String
    /// The known fields, in display order. `deleted` (and `mergedInto` where it applies) included.
    public var fields: [(name: String, type: FieldType)] { _fields.map { ($0.name, $0.type) } }
    private var _fields: [Field]

    struct Field: Hashable, Sendable {
        var name: String
        var type: FieldType
    }

    /// Creates a schema; `deleted` is added to every entity.
    public init(_ name: String, _ fields: [(String, FieldType)]) {
        self.name = name
        self._fields = fields.map { Field(name: $0.0, type: $0.1) } + [Field(name: Merger.deletedField, type: .bool)]
    }

    /// The type of a field, `nil` if unknown to this version.
    public func type(of field: String) -> FieldType? { _fields.first { $0.name == field }?.type }

    public static func == (lhs: EntitySchema, rhs: EntitySchema) -> Bool { lhs.name == rhs.name && lhs._fields == rhs._fields }
    public func hash(into h: inout Hasher) { h.combine(name); h.combine(_fields) }
}
