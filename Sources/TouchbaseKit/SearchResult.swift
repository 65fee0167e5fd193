import Foundation
import TouchbaseCore
import TouchbaseStore

/// One result of a full-text search, best first.
///
/// JSON: `{"kind", "id", "contact", "title", "date", "interactionKind", "snippet", "matches",
/// "rank"}`: `snippet` is the passage as plain text, `matches` the words in it that matched.
public struct SearchResult: Hashable, Sendable, Codable {
    /// What kind of record matched.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// A contact's own fields.
        case contact
        /// A hub's fields.
        case hub
        /// An interaction (a touch, a meeting, a debrief), shown under its contact.
        case interaction
        /// A reason from the library.
        case reason
    }

    /// A piece of the passage; `isMatch` pieces are words that matched the query.
    public struct Segment: Hashable, Sendable {
        /// The piece of text.
        public var text: String
        /// Whether the piece matched the query.
        public var isMatch: Bool
        /// A piece.
        public init(text: String, isMatch: Bool) {
            self.text = text
            self.isMatch = isMatch
        }
    }

    /// What kind of record matched.
    public var kind: Kind
    /// The record that matched (for a contact merged into another, the one that stayed).
    public var record: RecordID
    /// The contact it belongs to: the contact itself, or an interaction's contact.
    public var contact: RecordID?
    /// The contact's or hub's name, or the reason's text.
    public var title: String
    /// An interaction's date.
    public var date: CalendarDate?
    /// An interaction's kind.
    public var interactionKind: String?
    /// The best-matching passage, cut to a few words around the matches.
    public var segments: [Segment]
    /// Relevance (lower is better): what the results are ordered by.
    public var rank: Double

    /// The passage as plain text.
    public var snippet: String { segments.map(\.text).joined() }

    package init(_ hit: SearchHit) {
        kind = Kind(rawValue: hit.kind.rawValue) ?? .contact
        record = hit.record
        contact = hit.contact
        title = hit.title
        date = hit.date
        interactionKind = hit.interactionKind
        segments = hit.snippet.map { Segment(text: $0.text, isMatch: $0.match) }
        rank = hit.rank
    }

    private enum Keys: String, CodingKey { case kind, id, contact, title, date, interactionKind, snippet, matches, rank }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(record.hex, forKey: .id)
        try c.encode(contact?.hex, forKey: .contact)
        try c.encode(title, forKey: .title)
        try c.encode(date?.description, forKey: .date)
        try c.encode(interactionKind, forKey: .interactionKind)
        try c.encode(snippet, forKey: .snippet)
        try c.encode(segments.filter(\.isMatch).map(\.text), forKey: .matches)
        try c.encode(rank, forKey: .rank)
    }

    /// Reads the JSON form back; the passage is split again at the first occurrence of each match
    /// in order.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        kind = try c.decode(Kind.self, forKey: .kind)
        guard let id = RecordID(hex: try c.decode(String.self, forKey: .id)) else {
            throw DecodingError.dataCorruptedError(forKey: .id, in: c, debugDescription: "not a record id")
        }
        record = id
        contact = try c.decodeIfPresent(String.self, forKey: .contact).flatMap(RecordID.init(hex:))
        title = try c.decode(String.self, forKey: .title)
        date = try c.decodeIfPresent(String.self, forKey: .date).flatMap(CalendarDate.init)
        interactionKind = try c.decodeIfPresent(String.self, forKey: .interactionKind)
        rank = try c.decode(Double.self, forKey: .rank)
        var rest = Substring(try c.decode(String.self, forKey: .snippet))
        var segments: [Segment] = []
        for match in try c.decode([String].self, forKey: .matches) {
            guard let r = rest.range(of: match) else { continue }
            if r.lowerBound > rest.startIndex { segments.append(Segment(text: String(rest[..<r.lowerBound]), isMatch: false)) }
            segments.append(Segment(text: match, isMatch: true))
            rest = rest[r.upperBound...]
        }
        if !rest.isEmpty { segments.append(Segment(text: String(rest), isMatch: false)) }
        self.segments = segments
    }
}
