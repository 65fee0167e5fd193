/// Every contact, written in an export format.
public struct ContactExport: Hashable, Sendable {
    /// The file's text.
    public var text: String
    /// How many contacts it holds.
    public var count: Int
}
