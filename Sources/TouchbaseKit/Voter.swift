import Foundation
import TouchbaseCore

/// How a contact votes in your search: like you (also seeking), mixed, or not known yet.
///
/// A value written by a newer version that this one does not know is kept as
/// ``unrecognized(_:)`` and written back unchanged, never dropped.
public enum Voter: OpenVocabulary {
    /// Like you: also seeking.
    case set
    /// Mixed: founders, bosses, freelancers.
    case swing
    /// Not known yet (the voter of a new contact).
    case unknown
    /// A voter this version does not know, as written.
    case unrecognized(String)

    /// The voters this version knows.
    public static let known: [Voter] = [.set, .swing, .unknown]

    /// The voter of a new contact.
    public static let initial: Voter = .unknown

    /// The record field that holds it.
    public static let field = "voter"

    /// The word stored in the database and in the change log.
    public var rawValue: String {
        switch self {
        case .set: return "set"
        case .swing: return "swing"
        case .unknown: return "unknown"
        case .unrecognized(let raw): return raw
        }
    }
}
