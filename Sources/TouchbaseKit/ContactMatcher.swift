import Foundation
import TouchbaseCore

/// Finds the one record a typed name means, ignoring case and accents: `Tomas` finds
/// "Tomás Herrera", `lea` finds "Léa". Every place a contact or a hub is named goes through it.
///
/// A name matches, in this order of preference: the whole name, then a part of it, then every
/// word typed found in it (in any order). When nothing matches, ``suggestions(for:)`` gives the
/// nearest names.
public struct ContactMatcher: Sendable {
    /// One record that may be meant.
    public struct Candidate: Hashable, Sendable {
        /// Its id.
        public var id: RecordID
        /// Its name as stored.
        public var name: String
        /// Its organisation, when it has one.
        public var organization: String?

        /// Creates a candidate.
        public init(id: RecordID, name: String, organization: String? = nil) {
            self.id = id
            self.name = name
            self.organization = organization
        }
    }

    /// What a query found.
    public enum Outcome: Hashable, Sendable {
        /// Exactly one record.
        case one(Candidate)
        /// Several records match equally well.
        case several([Candidate])
        /// Nothing; the nearest names, nearest first (possibly none).
        case none([NameSuggestion])
    }

    /// The records to choose among.
    public let candidates: [Candidate]
    private let folded: [String]

    /// A matcher over `candidates`.
    public init(_ candidates: [Candidate]) {
        self.candidates = candidates
        folded = candidates.map { ContactMatcher.fold($0.name) }
    }

    /// The record `query` names, by name (ids are the caller's business).
    public func match(_ query: String) -> Outcome {
        let q = ContactMatcher.fold(query)
        guard !q.isEmpty else { return .none([]) }
        let words = q.split(separator: " ").map(String.init)
        let tests: [(String) -> Bool] = [
            { $0 == q },
            { $0.contains(q) },
            { name in words.allSatisfy { name.contains($0) } },
        ]
        for test in tests {
            let hits = candidates.indices.filter { test(folded[$0]) }
            if hits.count == 1 { return .one(candidates[hits[0]]) }
            if hits.count > 1 { return .several(hits.map { candidates[$0] }) }
        }
        return .none(suggestions(for: query))
    }

    /// The names nearest to `query` (at most `limit`), close enough to be a typing slip: compared
    /// with the whole name, each of its words and its beginning, accents and case ignored.
    public func suggestions(for query: String, limit: Int = 3) -> [NameSuggestion] {
        let q = Array(ContactMatcher.fold(query))
        guard !q.isEmpty else { return [] }
        let allowed = q.count <= 4 ? 1 : q.count <= 8 ? 2 : 3
        var out: [NameSuggestion] = []
        for (i, c) in candidates.enumerated() {
            let name = folded[i]
            var pieces = [Array(name), Array(name.prefix(q.count))]
            pieces += name.split(separator: " ").map { Array($0) }
            let best = pieces.map { DuplicateFinder.editDistance(q, $0, limit: allowed) }.min() ?? .max
            if best <= allowed {
                out.append(NameSuggestion(id: c.id, name: c.name, organization: c.organization, distance: best))
            }
        }
        out.sort { ($0.distance, ContactMatcher.fold($0.name), $0.id.hex) < ($1.distance, ContactMatcher.fold($1.name), $1.id.hex) }
        return Array(out.prefix(limit))
    }

    /// A name as the matcher compares it: lowercased, accents and other combining marks removed,
    /// a few letters without a decomposition spelt out (ø → o, ł → l, ß → ss), runs of spaces
    /// and punctuation between words made one space.
    public static func fold(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if scalar.properties.isWhitespace || ",;/".unicodeScalars.contains(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            switch scalar {
            case "ø": out.append("o")
            case "ł": out.append("l")
            case "đ": out.append("d")
            case "ß": out.append("ss")
            case "æ": out.append("ae")
            case "œ": out.append("oe")
            case "ı": out.append("i")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
