import TouchbaseCore

/// Which contacts ``Workspace/contacts(_:)`` lists. Every filter given must match.
public struct ContactFilter: Hashable, Sendable {
    /// Only contacts carrying this tag (compared normalised).
    public var tag: String?
    /// Only contacts at this stage.
    public var stage: Stage?
    /// Only contacts with this voter.
    public var voter: Voter?
    /// Only members of this hub.
    public var hub: RecordID?
    /// Only contacts whose text fields contain this text (any case).
    public var text: String?
    /// Include deleted contacts and merged duplicates.
    public var includeHidden = false
    /// Read only these fields (a listing that shows a few columns); `nil` reads every field.
    /// Filters still apply to every field.
    public var fields: [String]?

    /// Every visible contact.
    public init() {}

    /// Whether no filter is set (``includeHidden`` and ``fields`` aside).
    public var isUnfiltered: Bool { tag == nil && stage == nil && voter == nil && hub == nil && text == nil }
}
