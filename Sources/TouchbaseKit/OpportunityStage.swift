import Foundation
import TouchbaseCore

/// Where an opportunity stands, from first research to closed.
///
/// A stage written by a newer version that this one does not know is kept as
/// ``unrecognized(_:)`` and written back unchanged, never dropped.
public enum OpportunityStage: OpenVocabulary {
    /// Finding out about the role and who can refer you (the stage of a new opportunity).
    case researching
    /// Applied.
    case applied
    /// In interviews.
    case interviewing
    /// An offer is on the table.
    case offer
    /// Over, with an ``OpportunityOutcome``.
    case closed
    /// A stage this version does not know, as written.
    case unrecognized(String)

    /// The stages this version knows, in order.
    public static let known: [OpportunityStage] = [.researching, .applied, .interviewing, .offer, .closed]
    /// The stage of a new opportunity.
    public static let initial: OpportunityStage = .researching
    /// The record field that holds it.
    public static let field = "stage"

    /// The word stored in the database and in the change log.
    public var rawValue: String {
        switch self {
        case .researching: return "researching"
        case .applied: return "applied"
        case .interviewing: return "interviewing"
        case .offer: return "offer"
        case .closed: return "closed"
        case .unrecognized(let raw): return raw
        }
    }

    /// The field that keeps the day the opportunity reached this stage (`applied`, `interviewing`,
    /// `offered`, `closed`); `nil` for researching.
    var dateField: String? {
        switch self {
        case .applied: return "applied"
        case .interviewing: return "interviewing"
        case .offer: return "offered"
        case .closed: return "closed"
        default: return nil
        }
    }
}
