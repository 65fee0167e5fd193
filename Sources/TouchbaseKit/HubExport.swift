/// Every hub, written in an export format.
public struct HubExport: Hashable, Sendable {
    /// The file's text.
    public var text: String
    /// How many hubs it holds.
    public var count: Int
}
