import TouchbaseCore

/// One person as read from, or written to, an import/export file.
///
/// `ContactCard` is the neutral model shared by every format in this module (LinkedIn CSV,
/// Google and Outlook CSV, Touchbase's own CSV, vCard). It knows nothing about the database:
/// the importer decides how a card maps onto records. Values are trimmed; lists hold no empty
/// strings and no duplicates (emails and phones are deduplicated on their normalized form).
public struct ContactCard: Hashable, Sendable {
    /// The full display name, e.g. "Ada Lovelace". Never empty on a parsed card.
    public var name: String
    /// The given (first) name, when the source states it separately.
    public var givenName: String?
    /// The family (last) name, when the source states it separately.
    public var familyName: String?
    /// The organization or company.
    public var organization: String?
    /// The job title.
    public var role: String?
    /// Email addresses as written in the source (see ``normalizedEmails`` for matching).
    public var emails: [String]
    /// Phone numbers as written in the source (see ``normalizedPhones`` for matching).
    public var phones: [String]
    /// The LinkedIn profile URL in canonical form `https://www.linkedin.com/in/<slug>`
    /// (see ``LinkedInURL/normalize(_:)``); `nil` when the source has none.
    public var linkedinURL: String?
    /// Other web addresses (the LinkedIn profile is never repeated here).
    public var urls: [String]
    /// A free-text location such as "Berlin, Germany".
    public var location: String?
    /// Free-text notes; may span several lines.
    public var notes: String?
    /// The birthday, possibly without a year.
    public var birthday: CalendarDate?
    /// Tags (labels, categories, group memberships), system labels removed.
    public var tags: [String]
    /// A foreign stable identifier such as a vCard `UID` that is not a Touchbase id.
    public var uid: String?
    /// When the connection was made (LinkedIn's "Connected On").
    public var connectedOn: CalendarDate?

    /// The Touchbase record id (32 lowercase hex digits), present only on Touchbase's own
    /// exports (CSV `id` column, vCard `UID:urn:uuid:`), so that re-importing updates the
    /// record rather than duplicating it.
    public var id: String?
    /// Touchbase pipeline stage (free text as exported, e.g. "wishlist", "pending").
    public var stage: String?
    /// Touchbase voter kind (free text as exported, e.g. "set", "swing").
    public var voter: String?
    /// What you want to ask this person.
    public var ask: String?
    /// How you can serve this person.
    public var offer: String?
    /// Where the contact came from (how you met).
    public var source: String?
    /// Keep-in-touch cadence in days.
    public var cadenceDays: Int?
    /// Names of the networking hubs this person belongs to.
    public var hubs: [String]

    /// The 1-based physical line of the source file where this record starts (0 when the card
    /// was not parsed from a file). Use it in messages about this card.
    public var sourceLine: Int

    /// Creates a card; every field but the name is optional.
    public init(
        name: String,
        givenName: String? = nil,
        familyName: String? = nil,
        organization: String? = nil,
        role: String? = nil,
        emails: [String] = [],
        phones: [String] = [],
        linkedinURL: String? = nil,
        urls: [String] = [],
        location: String? = nil,
        notes: String? = nil,
        birthday: CalendarDate? = nil,
        tags: [String] = [],
        uid: String? = nil,
        connectedOn: CalendarDate? = nil,
        id: String? = nil,
        stage: String? = nil,
        voter: String? = nil,
        ask: String? = nil,
        offer: String? = nil,
        source: String? = nil,
        cadenceDays: Int? = nil,
        hubs: [String] = [],
        sourceLine: Int = 0
    ) {
        self.name = name
        self.givenName = givenName
        self.familyName = familyName
        self.organization = organization
        self.role = role
        self.emails = emails
        self.phones = phones
        self.linkedinURL = linkedinURL
        self.urls = urls
        self.location = location
        self.notes = notes
        self.birthday = birthday
        self.tags = tags
        self.uid = uid
        self.connectedOn = connectedOn
        self.id = id
        self.stage = stage
        self.voter = voter
        self.ask = ask
        self.offer = offer
        self.source = source
        self.cadenceDays = cadenceDays
        self.hubs = hubs
        self.sourceLine = sourceLine
    }

    /// This card with ``sourceLine`` set to 0, for comparing content regardless of position.
    public var withoutSourceLine: ContactCard {
        var copy = self
        copy.sourceLine = 0
        return copy
    }

    /// Whether two cards carry the same data, ignoring ``sourceLine``.
    public func hasSameContent(as other: ContactCard) -> Bool {
        withoutSourceLine == other.withoutSourceLine
    }
}
