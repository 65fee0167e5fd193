import Foundation
import TouchbaseCore

/// A contact to link to an opportunity, and what they are to it.
public struct OpportunityLinkInput: Hashable, Sendable {
    /// The contact.
    public var contact: RecordID
    /// What they are to the opportunity.
    public var role: OpportunityContactRole

    /// A link to make.
    public init(contact: RecordID, role: OpportunityContactRole) {
        self.contact = contact
        self.role = role
    }
}
