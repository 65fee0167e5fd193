/// A record a conflict is about or names: its key and the name it shows under.
public struct ConflictRecord: Hashable, Sendable {
    /// The record.
    public var key: RecordKey
    /// Its display name, or the first 8 hex digits of its id when this database does not hold it.
    public var name: String

    /// Creates a record reference.
    public init(key: RecordKey, name: String) {
        self.key = key
        self.name = name
    }
}
