import Foundation
import TouchbaseCore
import TouchbaseStore

/// A networking hub: a group, meetup, association or community. A typed view over the hub record.
///
/// ``fields`` holds every field as stored, including fields a newer version wrote that this one
/// does not know (read by ``Workspace/hub(id:)``). Its JSON form is one object: `id`, `entity`
/// (`"hub"`), one key per set field, and `deleted` when deleted.
public struct Hub: Identifiable, Hashable, Sendable, Codable {
    /// The hub's id.
    public let id: RecordID
    /// Every set field by name (known to this version or not).
    public var fields: [String: Value]
    /// Whether the hub is deleted (hidden).
    public var isDeleted: Bool

    /// A hub view of stored fields.
    public init(id: RecordID, fields: [String: Value], isDeleted: Bool = false) {
        self.id = id
        self.fields = fields
        self.isDeleted = isDeleted
    }

    /// The view of a materialized record.
    package init(_ record: Record) {
        self.init(id: record.id, fields: record.values, isDeleted: record.deleted)
    }

    /// The name, or the short id when the name is unset.
    public var name: String { text("name") ?? String(id.hex.prefix(8)) }
    /// What kind of hub: meetup, alumni, association, ….
    public var kind: String? { text("kind") }
    /// Its web page.
    public var url: String? { text("url") }
    /// When it meets.
    public var schedule: String? { text("schedule") }
    /// Where it meets.
    public var location: String? { text("location") }
    /// Free-form notes.
    public var notes: String? { text("notes") }
    /// Where the hub is on the way from wishlist to active, like a person (`nil` when not staged).
    public var stage: Stage? { fields["stage"]?.text.map(Stage.init(rawValue:)) }

    /// The fields this version does not know (written by a newer one), by name.
    public var unknownFields: [String: Value] { fields.filter { Schema.hub.type(of: $0.key) == nil } }

    /// The text of a field, `nil` when unset or empty.
    public func text(_ field: String) -> String? {
        guard let s = fields[field]?.text, !s.isEmpty else { return nil }
        return s
    }

    public init(from decoder: any Decoder) throws {
        try self.init(from: decoder, skipping: [])
    }

    /// Reads the object of a row that adds `skipping` keys to the hub's own.
    package init(from decoder: any Decoder, skipping: Set<String>) throws {
        let r = try RecordFieldsCoding.decode(entity: "hub", skipping: skipping, from: decoder)
        self.init(id: r.id, fields: r.fields, isDeleted: r.deleted)
    }

    public func encode(to encoder: any Encoder) throws {
        try RecordFieldsCoding.encode(id: id, entity: "hub", fields: fields, deleted: isDeleted, mergedInto: nil, to: encoder)
    }
}
