import Foundation

/// How much outreach of one kind (a channel, a source, a voter, a hub) was answered.
public struct ResponseRate: Hashable, Sendable {
    /// The channel, source, voter or hub; `nil` when the outreach or its contact has none.
    public var label: String?
    /// Outreach sent.
    public var sent: Int
    /// Of which answered.
    public var answered: Int

    /// `answered / sent`, 0 when nothing was sent.
    public var rate: Double { sent == 0 ? 0 : Double(answered) / Double(sent) }
}
