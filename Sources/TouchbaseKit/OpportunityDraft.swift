import Foundation
import TouchbaseCore

/// A new opportunity as a person typed it; ``Workspace/addOpportunity(_:)`` checks it. Texts are
/// trimmed; the link gets `https://` when it has no scheme.
public struct OpportunityDraft: Hashable, Sendable {
    /// The role (required).
    public var role: String
    /// The organisation (required).
    public var organization: String
    /// The stage; researching when `nil`.
    public var stage: OpportunityStage?
    /// The posting.
    public var url: String?
    /// The day you applied (today when the stage is applied or later and this is `nil`).
    public var applied: CalendarDate?
    /// What to do next.
    public var nextStep: String?
    /// When to do it.
    public var nextStepOn: CalendarDate?
    /// Free-form notes.
    public var notes: String?
    /// Contacts to link, each with what they are to the opportunity.
    public var contacts: [OpportunityLinkInput] = []

    /// A draft with a role and an organisation.
    public init(role: String, organization: String) {
        self.role = role
        self.organization = organization
    }
}
