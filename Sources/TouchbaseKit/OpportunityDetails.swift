import Foundation
import TouchbaseCore

/// Everything about one opportunity: the record, the people linked to it, the contacts at the same
/// organisation not linked yet, and the warm introductions into it.
public struct OpportunityDetails: Hashable, Sendable {
    /// The opportunity, every field as stored.
    public var opportunity: Opportunity
    /// The linked contacts, by role then name.
    public var people: [OpportunityPerson]
    /// Visible contacts at the same organisation (case and accents aside) not linked yet, by name.
    public var suggested: [Contact]
    /// Who could introduce you there (``Workspace/introductions(toOrganization:opportunity:)``).
    public var introductions: [IntroductionPath]
}
