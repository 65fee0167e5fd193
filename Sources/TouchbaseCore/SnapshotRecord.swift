/// One record as a snapshot carries it (Protocol/SPEC.md §7.6): every register with all its
/// surviving values (so open conflicts survive), the status the merge rules derived, and, for the
/// values whose Change's causal past the merge rules need later (`deleted = true` and `ref` values
/// of `mergedInto`, §13), that causal past.
///
/// Records of entity types or fields this version does not know are carried like any other.
public struct SnapshotRecord: Hashable, Sendable {
    /// One field: its name and its surviving values.
    public struct Field: Hashable, Sendable {
        /// The field name.
        public var name: String
        /// The surviving values, ordered by dot. Changing them forgets ``encodedValue``.
        public var values: [RegisterValue] { didSet { encodedValue = nil } }
        /// For a field of one value, that value's ``Value/encodedBytes`` as a reader found them
        /// (a slice of the bytes it read, not a copy), so a loader can store them without encoding
        /// the value again; nil when not known. Not part of the field's equality or hash.
        public private(set) var encodedValue: ArraySlice<UInt8>?

        /// Creates a field.
        public init(name: String, values: [RegisterValue]) {
            self.name = name
            self.values = values
        }

        /// Creates a field of one value whose ``Value/encodedBytes`` are `encoded` (the caller
        /// checked they are exactly that value's encoding).
        public init(name: String, value: RegisterValue, encoded: ArraySlice<UInt8>) {
            self.name = name
            self.values = [value]
            self.encodedValue = encoded
        }

        public static func == (a: Field, b: Field) -> Bool { a.name == b.name && a.values == b.values }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(name)
            hasher.combine(values)
        }
    }

    /// An open conflict of the record: the field and the kind's name (§13).
    public struct OpenConflict: Hashable, Sendable {
        /// The field the conflict is on.
        public var field: String
        /// The kind: `field`, `delete-vs-edit`, `merge-vs-edit`, `merge-cycle`, or a newer one.
        public var kind: String

        /// Creates an open conflict.
        public init(field: String, kind: String) {
            self.field = field
            self.kind = kind
        }
    }

    /// The entity type.
    public var entity: String
    /// The record id.
    public var id: RecordID
    /// Whether the merge rules hide the record (deleted, no delete-vs-edit conflict).
    public var hidden: Bool
    /// The record reads lead to, when it is a merged duplicate.
    public var survivor: RecordID?
    /// Its open conflicts, sorted by field then kind.
    public var conflicts: [OpenConflict]
    /// Its written fields, sorted by name.
    public var fields: [Field]
    /// The causal past of the Changes at these dots (the dots of `deleted = true` and
    /// `mergedInto` ref values).
    public var pasts: [Dot: VersionVector]

    /// Creates a record.
    public init(entity: String, id: RecordID, hidden: Bool = false, survivor: RecordID? = nil,
                conflicts: [OpenConflict] = [], fields: [Field], pasts: [Dot: VersionVector] = [:]) {
        self.entity = entity
        self.id = id
        self.hidden = hidden
        self.survivor = survivor
        self.conflicts = conflicts
        self.fields = fields
        self.pasts = pasts
    }

    /// Whether the merge rules may need the causal past of the Change that wrote `value` in
    /// `field`: a delete, or a merge (§13).
    public static func needsPast(field: String, value: Value) -> Bool {
        (field == Merger.deletedField && value == .bool(true)) || (field == Merger.mergedIntoField && value.ref != nil)
    }
}
