import Foundation
import TouchbaseCore

/// An organisation you want to get into (an opportunity's, a wishlist contact's, or a hub on the
/// wishlist) and who could introduce you there.
public struct IntroductionTarget: Hashable, Sendable {
    /// The organisation, as first written (a wishlist hub's name).
    public var organization: String
    /// The hub on the wishlist (stage `want`) this target is, if it is one.
    public var hub: Hub? = nil
    /// The open opportunities there.
    public var opportunities: [Opportunity]
    /// The wishlist contacts there (stage want).
    public var wishlist: [Contact]
    /// Who could introduce you: current employees first, then former ones, then hub connections.
    public var paths: [IntroductionPath]
}
