import Foundation
import TouchbaseCore

/// What opportunities bring to today's plan.
public struct OpportunityDay: Hashable, Sendable {
    /// Next steps due today or earlier, of open opportunities, most overdue first.
    public var dueSteps: [OpportunityStep]
    /// Touches to make before applying, by opportunity then name.
    public var referralTouches: [ReferralProposal]

    /// Whether there is nothing to show.
    public var isEmpty: Bool { dueSteps.isEmpty && referralTouches.isEmpty }
}
