/// One row of the hub list: the hub, how many visible members it has, and its tags.
///
/// JSON: the hub's object (``Hub``) with `members` (a number) and `tags` (array) added.
public struct HubListItem: Hashable, Sendable, Codable {
    /// The hub.
    public var hub: Hub
    /// Visible members (a merged duplicate counts as its survivor).
    public var members: Int
    /// Its tags, sorted.
    public var tags: [String]

    /// A row.
    public init(hub: Hub, members: Int, tags: [String]) {
        self.hub = hub
        self.members = members
        self.tags = tags
    }

    private enum Keys: String, CodingKey { case members, tags }

    public init(from decoder: any Decoder) throws {
        hub = try Hub(from: decoder, skipping: ["members", "tags"])
        let c = try decoder.container(keyedBy: Keys.self)
        members = try c.decodeIfPresent(Int.self, forKey: .members) ?? 0
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        try hub.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(members, forKey: .members)
        try c.encode(tags, forKey: .tags)
    }
}
