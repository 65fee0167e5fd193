import TouchbaseCore

/// What ``Workspace/editContact(_:_:)`` did.
public struct ContactEditResult: Hashable, Sendable {
    /// The contact after the edit.
    public var contact: Contact
    /// The fields written, in the order of the edit, then `tags` and `hubs` when any were added.
    public var changed: [String]
    /// Another contact with the LinkedIn profile the edit set: probably the same person, to be
    /// merged. A client says so; nothing was refused.
    public var sameLinkedIn: Contact?
}
