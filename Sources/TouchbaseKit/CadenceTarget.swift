/// What a keep-in-touch cadence is set on: one contact, or everyone carrying a tag.
///
/// A contact's own cadence wins over its tags'; with several tags, the shortest applies.
public enum CadenceTarget: Hashable, Sendable {
    /// One contact.
    case contact(RecordID)
    /// A tag (its id, see ``Schema/tagID(_:)``).
    case tag(RecordID)

    /// Which of the two a name is meant as, when the client knows.
    public enum Kind: Hashable, Sendable {
        /// The name is a contact.
        case contact
        /// The name is a tag.
        case tag
    }
}
