/// Which hubs ``Workspace/hubList(_:)`` lists. Every filter given must match.
public struct HubFilter: Hashable, Sendable {
    /// Only hubs carrying this tag (compared normalised).
    public var tag: String?
    /// Only hubs whose text fields contain this text (any case).
    public var text: String?
    /// Only hubs at this stage (`want`: the hubs on the wishlist).
    public var stage: Stage?
    /// Include deleted hubs.
    public var includeHidden = false

    /// Every visible hub.
    public init() {}
}
