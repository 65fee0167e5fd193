import Foundation
import TouchbaseCore

/// A touch worth making before applying: someone who works at the organisation or can refer you,
/// not in touch since they were linked to an opportunity still being researched.
public struct ReferralProposal: Hashable, Sendable {
    /// The opportunity.
    public var opportunity: RecordID
    /// `Role at Organisation`.
    public var title: String
    /// The contact to touch.
    public var contact: RecordID
    /// The contact's name.
    public var name: String
    /// What they are to the opportunity (referrer or works there).
    public var role: OpportunityContactRole
    /// Something to say: a reason for the touch that asks about the role and a referral.
    public var suggestedReason: String
}
