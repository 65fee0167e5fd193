import Foundation
import TouchbaseCore
import TouchbaseStore

/// A person you network with: a typed view over the contact record.
///
/// ``fields`` holds every field as stored, including fields a newer version wrote that this one
/// does not know (read by ``Workspace/contact(id:)``), so nothing is lost on the way through a
/// client; the typed properties read from it. Edits go through ``Workspace/editContact(_:_:)``,
/// which writes only the fields that change.
///
/// Its JSON form is one object: `id`, `entity` (`"contact"`), one key per set field, `deleted`
/// when deleted and `mergedInto` for a merged duplicate.
public struct Contact: Identifiable, Hashable, Sendable, Codable {
    /// The contact's id.
    public let id: RecordID
    /// Every set field by name (known to this version or not); the merge link is ``mergedInto``.
    public var fields: [String: Value]
    /// Whether the contact is deleted (hidden).
    public var isDeleted: Bool
    /// For a merged duplicate: the contact it now shows under.
    public var mergedInto: RecordID?

    /// A contact view of stored fields.
    public init(id: RecordID, fields: [String: Value], isDeleted: Bool = false, mergedInto: RecordID? = nil) {
        self.id = id
        self.fields = fields
        self.isDeleted = isDeleted
        self.mergedInto = mergedInto
    }

    /// The view of a materialized record (its merge link is ``mergedInto``, not a field).
    package init(_ record: Record) {
        var fields = record.values
        fields[Merger.mergedIntoField] = nil
        self.init(id: record.id, fields: fields, isDeleted: record.deleted, mergedInto: record.survivor)
    }

    /// The name, or the short id when the name is unset.
    public var name: String { text("name") ?? String(id.hex.prefix(8)) }
    /// Employer, school or group.
    public var organization: String? { text("organization") }
    /// Role or job title.
    public var role: String? { text("role") }
    /// Email addresses.
    public var emails: [String] { fields["emails"]?.texts ?? [] }
    /// Phone numbers.
    public var phones: [String] { fields["phones"]?.texts ?? [] }
    /// The LinkedIn profile, canonical.
    public var linkedin: String? { text("linkedin") }
    /// Web pages.
    public var urls: [String] { fields["urls"]?.texts ?? [] }
    /// City or region.
    public var location: String? { text("location") }
    /// How they vote in your search.
    public var voter: Voter? { text("voter").map(Voter.init(rawValue:)) }
    /// Where they are on the way from wishlist to active.
    public var stage: Stage? { text("stage").map(Stage.init(rawValue:)) }
    /// Your specific ask.
    public var ask: String? { text("ask") }
    /// Your offer.
    public var offer: String? { text("offer") }
    /// How you met or who introduced you.
    public var source: String? { text("source") }
    /// Free-form notes.
    public var notes: String? { text("notes") }
    /// Keep in touch every this many days.
    public var cadence: Int? { fields["cadence"].flatMap { if case .int(let i) = $0 { return Int(i) } else { return nil } } }
    /// Birthday; a date in year 0 has no year.
    public var birthday: CalendarDate? { fields["birthday"]?.date }
    /// When you connected (from an import).
    public var connectedOn: CalendarDate? { fields["connectedOn"]?.date }
    /// Whether both an ask and an offer are set (a meeting without either is not worth having yet).
    public var hasAskAndOffer: Bool { ask != nil && offer != nil }

    /// The fields this version does not know (written by a newer one), by name.
    public var unknownFields: [String: Value] { fields.filter { Schema.contact.type(of: $0.key) == nil } }

    /// The text of a field, `nil` when unset or empty.
    public func text(_ field: String) -> String? {
        guard let s = fields[field]?.text, !s.isEmpty else { return nil }
        return s
    }

    public init(from decoder: any Decoder) throws {
        try self.init(from: decoder, skipping: [])
    }

    /// Reads the object of a row that adds `skipping` keys to the contact's own.
    package init(from decoder: any Decoder, skipping: Set<String>) throws {
        let r = try RecordFieldsCoding.decode(entity: "contact", skipping: skipping, from: decoder)
        self.init(id: r.id, fields: r.fields, isDeleted: r.deleted, mergedInto: r.mergedInto)
    }

    public func encode(to encoder: any Encoder) throws {
        try RecordFieldsCoding.encode(id: id, entity: "contact", fields: fields, deleted: isDeleted, mergedInto: mergedInto, to: encoder)
    }
}
