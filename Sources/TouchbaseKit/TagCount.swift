/// A tag in use and how many visible records carry it. JSON: `{"name", "contacts", "hubs"}`.
public struct TagCount: Hashable, Sendable, Codable {
    /// The normalised tag name.
    public var name: String
    /// Visible contacts carrying it (a merged duplicate counts as the contact that stayed).
    public var contacts: Int
    /// Visible hubs carrying it.
    public var hubs: Int

    /// A count.
    public init(name: String, contacts: Int, hubs: Int) {
        self.name = name
        self.contacts = contacts
        self.hubs = hubs
    }
}
