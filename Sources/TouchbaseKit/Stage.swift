import Foundation
import TouchbaseCore

/// Where a contact is on the way from wishlist to an active relationship.
///
/// A stage written by a newer version that this one does not know is kept as
/// ``unrecognized(_:)`` and written back unchanged, never dropped.
public enum Stage: Hashable, Sendable, Codable, CustomStringConvertible {
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

    /// The stage named by `rawValue` (a lowercase word); an unknown word is ``unrecognized(_:)``.
    public init(rawValue: String) {
        self = Stage.known.first { $0.rawValue == rawValue } ?? .unrecognized(rawValue)
    }

    /// Parses a stage as a person types it (any case, surrounding spaces).
    ///
    /// - throws: ``WorkspaceError/Code/malformed`` (field `stage`, detail: the known stages) for
    ///   anything but a known stage.
    public init(parsing text: String) throws {
        let word = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard let stage = Stage.known.first(where: { $0.rawValue == word }) else {
            throw WorkspaceError(.malformed, field: "stage", detail: Schema.stages.joined(separator: ", "))
        }
        self = stage
    }

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

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
