import TouchbaseCore

/// One result of a full-text search (``Store/search(_:limit:)``), best first.
public struct SearchHit: Hashable, Sendable {
    /// What kind of record matched.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case contact, hub, interaction, reason
    }

    /// A piece of the matching text; `match` pieces are the words that matched the query.
    public struct Segment: Hashable, Sendable {
        public var text: String
        public var match: Bool
        public init(text: String, match: Bool) {
            self.text = text
            self.match = match
        }
    }

    /// The kind of the record that matched.
    public var kind: Kind
    /// The record that matched (for a contact merged into another, the survivor).
    public var record: RecordID
    /// The contact the hit belongs to: the contact itself, or an interaction's contact (merges followed).
    public var contact: RecordID?
    /// A name to show: the contact's or hub's name, or the reason's text.
    public var title: String
    /// An interaction's date and kind.
    public var date: CalendarDate?
    public var interactionKind: String?
    /// The best-matching passage, cut to a few words around the matches.
    public var snippet: [Segment]
    /// Relevance (BM25, lower is better): what the hits are ordered by.
    public var rank: Double

    /// The snippet as plain text.
    public var snippetText: String { snippet.map(\.text).joined() }
}
