/// A contact's new organization or role, seen by an import: something to say
/// ("congratulate Ben on joining Northwind").
public struct JobChangeNote: Hashable, Sendable {
    /// The contact.
    public var contact: RecordID
    /// Display name.
    public var name: String
    /// The day the change was seen.
    public var date: CalendarDate
    /// The new organization, if it changed (or is known).
    public var organization: String?
    /// The new role, if it changed (or is known).
    public var role: String?
    /// The organization before.
    public var previousOrganization: String?
    /// The role before.
    public var previousRole: String?
    /// The job change record.
    public var record: RecordID

    /// Creates a note.
    public init(contact: RecordID, name: String, date: CalendarDate, organization: String? = nil, role: String? = nil,
                previousOrganization: String? = nil, previousRole: String? = nil, record: RecordID) {
        self.contact = contact
        self.name = name
        self.date = date
        self.organization = organization
        self.role = role
        self.previousOrganization = previousOrganization
        self.previousRole = previousRole
        self.record = record
    }

    /// Whether the organization changed (not only the role).
    public var joinedNewOrganization: Bool {
        guard let organization else { return false }
        return organization.lowercased() != previousOrganization?.lowercased()
    }
}
