import Foundation
import TouchbaseCore

/// How a contact votes in your search: like you (also seeking), mixed, or not known yet.
///
/// A value written by a newer version that this one does not know is kept as
/// ``unrecognized(_:)`` and written back unchanged, never dropped.
public enum Voter: Hashable, Sendable, Codable, CustomStringConvertible {
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

    /// The voter named by `rawValue` (a lowercase word); an unknown word is ``unrecognized(_:)``.
    public init(rawValue: String) {
        self = Voter.known.first { $0.rawValue == rawValue } ?? .unrecognized(rawValue)
    }

    /// Parses a voter as a person types it (any case, surrounding spaces).
    ///
    /// - throws: ``WorkspaceError/Code/malformed`` (field `voter`, detail: the known voters) for
    ///   anything but a known voter.
    public init(parsing text: String) throws {
        let word = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard let voter = Voter.known.first(where: { $0.rawValue == word }) else {
            throw WorkspaceError(.malformed, field: "voter", detail: Schema.voters.joined(separator: ", "))
        }
        self = voter
    }

    /// The word stored in the database and in the change log.
    public var rawValue: String {
        switch self {
        case .set: return "set"
        case .swing: return "swing"
        case .unknown: return "unknown"
        case .unrecognized(let raw): return raw
        }
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
