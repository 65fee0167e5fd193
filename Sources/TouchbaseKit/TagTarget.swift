/// What a tag is put on: a contact or a hub.
public enum TagTarget: String, Hashable, Sendable, Codable, CaseIterable {
    /// A contact.
    case contact
    /// A hub.
    case hub

    /// The entity name of the tagged record.
    public var entity: String { rawValue }
}
