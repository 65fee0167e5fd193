/// A reason in the library and the contacts it was shared with.
public struct ReasonUsage: Hashable, Sendable {
    /// A contact a reason was shared with.
    public struct Contact: Hashable, Sendable {
        /// The contact (the survivor of merged duplicates).
        public var id: RecordID
        /// Its display name.
        public var name: String
    }

    /// The reason.
    public var reason: Reason
    /// Who it was shared with, by name.
    public var usedWith: [Contact]
}
