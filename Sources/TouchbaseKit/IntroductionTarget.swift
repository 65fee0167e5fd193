import Foundation
import TouchbaseCore

/// An organisation you want to get into (an opportunity's, or a wishlist contact's) and who could
/// introduce you there.
public struct IntroductionTarget: Hashable, Sendable {
    /// The organisation, as first written.
    public var organization: String
    /// The open opportunities there.
    public var opportunities: [Opportunity]
    /// The wishlist contacts there (stage want).
    public var wishlist: [Contact]
    /// Who could introduce you: current employees first, then former ones, then hub connections.
    public var paths: [IntroductionPath]
}
