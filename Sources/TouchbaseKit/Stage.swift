import Foundation
import TouchbaseCore

/// Where a contact is on the way from wishlist to an active relationship.
///
/// A stage written by a newer version that this one does not know is kept as
/// ``unrecognized(_:)`` and written back unchanged, never dropped.
public enum Stage: OpenVocabulary {
    /// On the wishlist: someone to reach out to (the stage of a new contact).
    case want
    /// Planned: the next outreach is on the docket.
    case docket
    /// Reached out; waiting for an answer.
    case pending
    /// In an active relationship.
    case active
    /// Gone quiet.
    case dormant
    /// A stage this version does not know, as written.
    case unrecognized(String)

    /// The stages this version knows, in the order of the method.
    public static let known: [Stage] = [.want, .docket, .pending, .active, .dormant]

    /// The stage of a new contact.
    public static let initial: Stage = .want

    /// The record field that holds it.
    public static let field = "stage"

    /// The word stored in the database and in the change log.
    public var rawValue: String {
        switch self {
        case .want: return "want"
        case .docket: return "docket"
        case .pending: return "pending"
        case .active: return "active"
        case .dormant: return "dormant"
        case .unrecognized(let raw): return raw
        }
    }
}
