import TouchbaseCore

/// What ``Workspace/mergeContact(_:into:)`` did.
public struct ContactMergeResult: Hashable, Sendable {
    /// The duplicate, now shown under the survivor.
    public var duplicate: Contact
    /// The contact that stays, after the merge.
    public var survivor: Contact
    /// The survivor's fields copied from the duplicate: those it lacked, and its lists combined.
    public var copied: [String]
}
