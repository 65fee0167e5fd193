import Foundation
import TouchbaseCore

/// Which opportunities ``Workspace/opportunities(_:)`` lists.
public struct OpportunityFilter: Hashable, Sendable {
    /// Only this stage.
    public var stage: OpportunityStage?
    /// Closed ones too (left out by default).
    public var includeClosed = false
    /// Deleted ones too.
    public var includeDeleted = false
    /// Only those whose organisation matches this one (case and accents aside).
    public var organization: String?

    /// Every open opportunity.
    public init() {}
}
