import Foundation
import TouchbaseCore

/// A contact linked to an opportunity (a link made on a duplicate since merged shows under the
/// contact that stayed).
public struct OpportunityPerson: Hashable, Sendable {
    /// The contact.
    public var contact: Contact
    /// What they are to the opportunity.
    public var role: OpportunityContactRole
    /// The day they were linked.
    public var since: CalendarDate?
    /// The day of the latest done interaction with them, if any.
    public var lastInteraction: CalendarDate?
}
