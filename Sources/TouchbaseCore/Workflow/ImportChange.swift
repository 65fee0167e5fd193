/// One person or field an import changes, or leaves alone because the user edited it.
public struct ImportChange: Hashable, Sendable {
    /// What happens.
    public enum Kind: Hashable, Sendable {
        /// A new contact.
        case created
        /// A field takes a new value.
        case updated(field: String, before: Value?, after: Value)
        /// A field keeps the value the user gave it; the file has another one.
        case keptEdit(field: String, kept: Value, offered: Value)
        /// A new organization or role, recorded as a job change.
        case jobChange(organization: String?, role: String?)
    }

    /// The file, when several are imported.
    public var file: String?
    /// The row's line.
    public var line: Int
    /// The contact.
    public var contact: RecordID
    /// Its name.
    public var name: String
    /// What happens.
    public var kind: Kind

    /// Creates a change.
    public init(file: String?, line: Int, contact: RecordID, name: String, kind: Kind) {
        self.file = file
        self.line = line
        self.contact = contact
        self.name = name
        self.kind = kind
    }
}
