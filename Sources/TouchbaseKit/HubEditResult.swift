/// What ``Workspace/editHub(_:_:)`` did.
public struct HubEditResult: Hashable, Sendable {
    /// The hub after the edit.
    public var hub: Hub
    /// The fields written, in the order of the edit, then `tags` when any were added.
    public var changed: [String]
}
