import TouchbaseCore

/// What applying a batch of remote Changes did.
public struct ApplyReport: Hashable, Sendable {
    /// Changes applied, in order.
    public var applied: [Dot] = []
    /// Changes already applied before (delivered twice): ignored.
    public var duplicates: Int = 0
    /// Changes held back at the gates, each with the dots it still lacks.
    public var waiting: [Dot: [Dot]] = [:]

    /// An empty report.
    public init() {}
}
