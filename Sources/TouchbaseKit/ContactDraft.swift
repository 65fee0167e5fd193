import Foundation
import TouchbaseCore

/// A new contact as a person typed it; ``Workspace/addContact(_:)`` checks and normalises it.
///
/// Texts are trimmed (an empty one is left unset); emails, phones and URLs may each hold several
/// comma-separated items. A contact starts at stage ``Stage/want`` with voter ``Voter/unknown``
/// unless given.
public struct ContactDraft: Hashable, Sendable {
    /// The full name (required).
    public var name: String
    /// Employer, school or group.
    public var organization: String?
    /// Role or job title.
    public var role: String?
    /// Email addresses.
    public var emails: [String] = []
    /// Phone numbers.
    public var phones: [String] = []
    /// A LinkedIn profile: the contact's id is derived from it.
    public var linkedin: String?
    /// Web pages.
    public var urls: [String] = []
    /// City or region.
    public var location: String?
    /// How they vote in your search.
    public var voter: Voter?
    /// Where they are on the way from wishlist to active.
    public var stage: Stage?
    /// Your specific ask: what you want from them.
    public var ask: String?
    /// Your offer: how you can serve them.
    public var offer: String?
    /// How you met or who introduced you.
    public var source: String?
    /// Free-form notes.
    public var notes: String?
    /// Keep in touch every this many days (0 or more).
    public var cadence: Int?
    /// Birthday; a date in year 0 has no year.
    public var birthday: CalendarDate?
    /// Tags to put on the contact.
    public var tags: [String] = []
    /// Hubs the contact joins.
    public var hubs: [RecordID] = []

    /// A draft with a name and nothing else.
    public init(name: String) { self.name = name }

    /// The fields to write, checked and normalised, in schema order (a given empty text is a
    /// cleared field).
    func values() throws -> [(field: String, value: Value)] {
        var out: [(String, Value)] = []
        func text(_ field: String, _ s: String?, _ normalize: (String) throws -> String = { $0 }) throws {
            guard let s else { return }
            out.append((field, try FieldNormalizer.text(s).map { .text(try normalize($0)) } ?? .null))
        }
        func list(_ field: String, _ texts: [String]) throws {
            guard !texts.isEmpty else { return }
            let items = try FieldNormalizer.contactList(field, texts)
            out.append((field, items.isEmpty ? .null : .texts(items)))
        }
        try text("organization", organization)
        try text("role", role)
        try list("emails", emails)
        try list("phones", phones)
        try text("linkedin", linkedin, FieldNormalizer.linkedin)
        try list("urls", urls)
        try text("location", location)
        if let voter { out.append(("voter", try ContactRules.value(voter))) }
        if let stage { out.append(("stage", try ContactRules.value(stage))) }
        try text("ask", ask)
        try text("offer", offer)
        try text("source", source)
        try text("notes", notes)
        if let cadence { out.append(("cadence", try ContactRules.cadence(cadence))) }
        if let birthday { out.append(("birthday", .date(birthday))) }
        return out
    }
}
