import Foundation
import TouchbaseCore

/// What a contact is to an opportunity. A word a newer version wrote is kept as ``unrecognized(_:)``.
public enum OpportunityContactRole: OpenVocabulary {
    /// Works at the organisation.
    case worksThere
    /// Can refer you.
    case referrer
    /// Recruits for the role.
    case recruiter
    /// Interviews you.
    case interviewer
    /// A role this version does not know, as written.
    case unrecognized(String)

    /// The roles this version knows.
    public static let known: [OpportunityContactRole] = [.worksThere, .referrer, .recruiter, .interviewer]
    /// The record field that holds it.
    public static let field = "role"

    /// The word stored in the database and in the change log.
    public var rawValue: String {
        switch self {
        case .worksThere: return "works-there"
        case .referrer: return "referrer"
        case .recruiter: return "recruiter"
        case .interviewer: return "interviewer"
        case .unrecognized(let raw): return raw
        }
    }

    /// Whether a touch to this person before applying can bring a referral.
    public var canRefer: Bool { self == .referrer || self == .worksThere }
}
