import Foundation
import TouchbaseCore

/// What ``Workspace/addOpportunity(_:)`` did.
public struct OpportunityAddition: Hashable, Sendable {
    /// The new opportunity.
    public var opportunity: Opportunity
    /// Visible contacts at the same organisation (case and accents aside) not linked to it, by name:
    /// people worth linking.
    public var suggested: [Contact]
}
