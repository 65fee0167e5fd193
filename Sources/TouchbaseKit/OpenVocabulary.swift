import Foundation

/// A word of the method stored as text (a stage, a voter), with the words this version knows and a
/// case that keeps a word a newer version wrote, so it is written back unchanged, never dropped.
///
/// A conforming enum lists ``known`` words, names its ``field``, spells each case's ``rawValue`` and
/// has a case `unrecognized(String)`; parsing, `Codable` and the description come with the protocol.
public protocol OpenVocabulary: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The words this version knows, in the order of the method.
    static var known: [Self] { get }
    /// The record field that holds the word (`stage`, `voter`): the field of a parse error.
    static var field: String { get }
    /// A word this version does not know, as written.
    static func unrecognized(_ raw: String) -> Self
    /// The word stored in the database and in the change log.
    var rawValue: String { get }
}

extension OpenVocabulary {
    /// The value named by `rawValue` (a lowercase word); an unknown word is kept as unrecognized.
    public init(rawValue: String) {
        self = Self.known.first { $0.rawValue == rawValue } ?? .unrecognized(rawValue)
    }

    /// Parses a word as a person types it (any case, surrounding spaces).
    ///
    /// - throws: ``WorkspaceError/Code/malformed`` (``field``, detail: the known words) for anything
    ///   but a known word.
    public init(parsing text: String) throws {
        let word = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard let value = Self.known.first(where: { $0.rawValue == word }) else { throw Self.malformedWord }
        self = value
    }

    /// The word to store: this version writes only words it knows.
    ///
    /// - throws: ``WorkspaceError/Code/malformed`` (``field``, detail: the known words) for an
    ///   unrecognized word.
    public func storedWord() throws -> String {
        guard Self.known.contains(self) else { throw Self.malformedWord }
        return rawValue
    }

    /// The refusal of a word this version does not know.
    static var malformedWord: WorkspaceError {
        WorkspaceError(.malformed, field: field, detail: known.map(\.rawValue).joined(separator: ", "))
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
