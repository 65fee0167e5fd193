import TouchbaseCore

/// What ``Workspace/addContact(_:)`` did.
public struct ContactAddition: Hashable, Sendable {
    /// The new contact, as stored.
    public var contact: Contact
    /// Other visible contacts with the same name (compared without case): perhaps the same person,
    /// to be merged. A client says so; nothing was refused.
    public var sameName: [Contact]
}
