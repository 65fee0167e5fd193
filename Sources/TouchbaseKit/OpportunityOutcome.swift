import Foundation
import TouchbaseCore

/// How a closed opportunity ended. A word a newer version wrote is kept as ``unrecognized(_:)``.
public enum OpportunityOutcome: OpenVocabulary {
    /// You took the offer.
    case accepted
    /// You turned the offer down.
    case declined
    /// They said no.
    case rejected
    /// You stepped back.
    case withdrawn
    /// An outcome this version does not know, as written.
    case unrecognized(String)

    /// The outcomes this version knows.
    public static let known: [OpportunityOutcome] = [.accepted, .declined, .rejected, .withdrawn]
    /// The record field that holds it.
    public static let field = "outcome"

    /// The word stored in the database and in the change log.
    public var rawValue: String {
        switch self {
        case .accepted: return "accepted"
        case .declined: return "declined"
        case .rejected: return "rejected"
        case .withdrawn: return "withdrawn"
        case .unrecognized(let raw): return raw
        }
    }
}
