import TouchbaseCore

/// One materialized record: the displayed value of each known field.
public struct Record: Hashable, Sendable {
    /// The entity type.
    public var entity: String
    /// The record id.
    public var id: RecordID
    /// Displayed values of the known fields (fields never written are absent).
    public var values: [String: Value]
    /// Whether the record is deleted (hidden).
    public var deleted: Bool
    /// For a merged duplicate: the record it now shows under.
    public var survivor: RecordID?

    /// Creates a record value.
    public init(entity: String, id: RecordID, values: [String: Value], deleted: Bool = false, survivor: RecordID? = nil) {
        self.entity = entity
        self.id = id
        self.values = values
        self.deleted = deleted
        self.survivor = survivor
    }

    /// The displayed value of a field, ``Value/null`` when unset.
    public subscript(field: String) -> Value { values[field] ?? .null }

    /// The text of a field, `nil` when unset or empty.
    public func text(_ field: String) -> String? {
        guard let s = self[field].text, !s.isEmpty else { return nil }
        return s
    }

    /// The record's display name: its `name` (or a reason's `text`, a prep's `what`, an
    /// opportunity's `role at organization`), else its id.
    public var displayName: String {
        text("name") ?? text("text") ?? text("what") ?? opportunityTitle ?? String(id.hex.prefix(8))
    }

    private var opportunityTitle: String? {
        guard entity == "opportunity", let role = text("role") else { return nil }
        return text("organization").map { "\(role) at \($0)" } ?? role
    }
}
