/// Contacts that are likely the same person, and the one to keep.
public struct DuplicateGroup: Hashable, Sendable {
    /// A contact of the group.
    public struct Member: Hashable, Sendable {
        /// The contact.
        public var id: RecordID
        /// Its display name.
        public var name: String
    }

    /// The contact to keep (the most filled fields, then the most interactions).
    public var survivor: Member
    /// The contacts to merge into it.
    public var duplicates: [Member]
    /// Why they were linked.
    public var reasons: [DuplicateReason]
}
