/// One person read from an import file, in the terms of the contact schema. The terminal client
/// maps the parsers' cards onto this; ``ImportPlanner`` decides what to write.
public struct ImportPerson: Hashable, Sendable {
    /// The 1-based line of the file where the person starts (for messages).
    public var line: Int
    /// The file it came from, when several are imported at once.
    public var file: String?
    /// A Touchbase record id (from Touchbase's own exports).
    public var id: RecordID?
    public var name: String
    public var organization: String?
    public var role: String?
    public var emails: [String]
    public var phones: [String]
    /// The canonical LinkedIn profile URL.
    public var linkedin: String?
    public var urls: [String]
    public var location: String?
    public var notes: String?
    public var birthday: CalendarDate?
    public var tags: [String]
    /// A foreign stable id (a vCard UID that is not a Touchbase id).
    public var uid: String?
    public var connectedOn: CalendarDate?
    /// Stage as written in the file (`want`, `wishlist`, `docket`, …).
    public var stage: String?
    /// Voter kind as written in the file.
    public var voter: String?
    public var ask: String?
    public var offer: String?
    public var source: String?
    public var cadence: Int?
    /// Names of hubs.
    public var hubs: [String]

    /// Creates a person; every field but the name is optional.
    public init(line: Int = 0, file: String? = nil, id: RecordID? = nil, name: String, organization: String? = nil, role: String? = nil,
                emails: [String] = [], phones: [String] = [], linkedin: String? = nil, urls: [String] = [], location: String? = nil,
                notes: String? = nil, birthday: CalendarDate? = nil, tags: [String] = [], uid: String? = nil,
                connectedOn: CalendarDate? = nil, stage: String? = nil, voter: String? = nil, ask: String? = nil, offer: String? = nil,
                source: String? = nil, cadence: Int? = nil, hubs: [String] = []) {
        self.line = line
        self.file = file
        self.id = id
        self.name = name
        self.organization = organization
        self.role = role
        self.emails = emails
        self.phones = phones
        self.linkedin = linkedin
        self.urls = urls
        self.location = location
        self.notes = notes
        self.birthday = birthday
        self.tags = tags
        self.uid = uid
        self.connectedOn = connectedOn
        self.stage = stage
        self.voter = voter
        self.ask = ask
        self.offer = offer
        self.source = source
        self.cadence = cadence
        self.hubs = hubs
    }
}

/// What the database already holds, as far as an import needs to know.
public struct ImportSnapshot: Sendable {
    /// An existing contact.
    public struct Contact: Sendable {
        public var id: RecordID
        public var deleted: Bool
        /// The record it was merged into, if it is a merged duplicate.
        public var survivor: RecordID?
        /// Displayed values of its fields.
        public var values: [String: Value]
        /// Ids of its tags.
        public var tags: Set<RecordID>
        /// Ids of the hubs it belongs to.
        public var hubs: Set<RecordID>
        /// The values the latest import from the current source wrote (``Schema/imported``),
        /// `nil` when nothing was imported from it yet.
        public var imported: [String: Value]? = nil

        /// Creates a contact.
        public init(id: RecordID, deleted: Bool = false, survivor: RecordID? = nil, values: [String: Value],
                    tags: Set<RecordID> = [], hubs: Set<RecordID> = []) {
            self.id = id
            self.deleted = deleted
            self.survivor = survivor
            self.values = values
            self.tags = tags
            self.hubs = hubs
        }
    }

    /// Every contact, deleted and merged ones included.
    public var contacts: [RecordID: Contact]
    /// Visible hubs by lowercased name.
    public var hubsByName: [String: RecordID]
    /// Existing tags (by derived id).
    public var tags: Set<RecordID>

    /// Creates a snapshot.
    public init(contacts: [RecordID: Contact] = [:], hubsByName: [String: RecordID] = [:], tags: Set<RecordID> = []) {
        self.contacts = contacts
        self.hubsByName = hubsByName
        self.tags = tags
    }
}

/// What an import will do (or did).
public struct ImportPlan: Sendable {
    /// One row left out.
    public struct Skip: Hashable, Sendable {
        /// Why a row was left out, when a client words it itself.
        public enum Cause: Hashable, Sendable {
            /// The row is a contact that was deleted on this database (restoring it lets the row in).
            case deletedContact(name: String)
        }

        public var file: String?
        public var line: Int
        /// Why, in plain words with no personal data (``cause`` says more, for a client to word).
        public var reason: String
        /// The typed cause, when there is one.
        public var cause: Cause?

        /// Creates a skip.
        public init(file: String? = nil, line: Int, reason: String, cause: Cause? = nil) {
            self.file = file
            self.line = line
            self.reason = reason
            self.cause = cause
        }
    }

    /// The puts, all to be committed as one Change.
    public var ops: [Op] = []
    /// New contacts.
    public var created = 0
    /// Existing contacts that got at least one changed field, tag or hub.
    public var updated = 0
    /// Existing contacts already up to date.
    public var unchanged = 0
    /// New hubs created for hub names nobody had.
    public var hubsCreated = 0
    /// Rows left out, with why.
    public var skipped: [Skip] = []
    /// Values ignored in imported rows.
    public var warnings: [Skip] = []
    /// Every person and field changed or kept, when ``ImportDefaults/listChanges`` asks for them.
    public var changes: [ImportChange] = []
    /// Job changes recorded.
    public var jobChanges = 0

    /// An empty plan.
    public init() {}
}
