import Foundation
import TouchbaseCore

/// The next step of an opportunity on its day (``Workspace/opportunitySteps(from:through:)``).
public struct OpportunityStep: Hashable, Sendable {
    /// The opportunity.
    public var opportunity: RecordID
    /// Its role.
    public var role: String
    /// Its organisation.
    public var organization: String?
    /// Its stage.
    public var stage: OpportunityStage
    /// What to do.
    public var step: String
    /// When.
    public var date: CalendarDate
    /// Days past the date, counted from the day asked about (0 when due that day or later).
    public var overdueDays: Int
}
