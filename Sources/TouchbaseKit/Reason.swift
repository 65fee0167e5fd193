import TouchbaseStore

/// A typed view of a reason in the library: something to share when reaching out.
///
/// Fields this version does not model stay in ``otherFields``, so a round trip never drops them.
public struct Reason: Hashable, Sendable, Identifiable {
    /// The record's id.
    public var id: RecordID
    /// What there is to share (empty when the record has no text).
    public var text: String
    /// A link to it.
    public var url: String?
    /// Every other field, as stored.
    public var otherFields: [String: Value]

    /// The view of a stored reason record.
    package init(_ record: Record) {
        id = record.id
        text = record.values["text"]?.text ?? ""
        url = record.values["url"]?.text
        otherFields = record.values.filter { $0.key != "text" && $0.key != "url" }
        for key in ["text", "url"] where record.values[key] != nil && record.values[key]?.text == nil {
            otherFields[key] = record.values[key]
        }
    }

    /// The text, or the id's first 8 digits when there is none.
    public var displayText: String { text.isEmpty ? String(id.hex.prefix(8)) : text }

    /// Every field of the view, as stored, unknown ones included.
    public var fields: [String: Value] {
        var out = otherFields
        if out["text"] == nil, !text.isEmpty { out["text"] = .text(text) }
        if out["url"] == nil, let url { out["url"] = .text(url) }
        return out
    }
}
