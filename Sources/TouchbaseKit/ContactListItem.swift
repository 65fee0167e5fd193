import TouchbaseCore

/// One row of the contact list: the contact, its tags and the date of its last done interaction.
///
/// JSON: the contact's object (``Contact``) with `tags` (array) and `lastTouch` (`YYYY-MM-DD` or
/// `null`) added.
public struct ContactListItem: Hashable, Sendable, Codable {
    /// The contact.
    public var contact: Contact
    /// Its tags (and those of duplicates merged into it), sorted.
    public var tags: [String]
    /// The date of its last done interaction.
    public var lastTouch: CalendarDate?

    /// A row.
    public init(contact: Contact, tags: [String], lastTouch: CalendarDate?) {
        self.contact = contact
        self.tags = tags
        self.lastTouch = lastTouch
    }

    private enum Keys: String, CodingKey { case tags, lastTouch }

    public init(from decoder: any Decoder) throws {
        contact = try Contact(from: decoder, skipping: ["tags", "lastTouch"])
        let c = try decoder.container(keyedBy: Keys.self)
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        lastTouch = try c.decodeIfPresent(String.self, forKey: .lastTouch).flatMap(CalendarDate.init)
    }

    public func encode(to encoder: any Encoder) throws {
        try contact.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(tags, forKey: .tags)
        if let lastTouch { try c.encode(lastTouch.description, forKey: .lastTouch) } else { try c.encodeNil(forKey: .lastTouch) }
    }
}
