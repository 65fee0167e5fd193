/// What an edit of an interaction (an edit, a cancel, a reschedule) wrote.
public struct InteractionEditResult: Hashable, Sendable {
    /// The interaction as it reads now.
    public var entry: InteractionEntry
    /// The fields written, in the order written.
    public var changed: [String]
}
