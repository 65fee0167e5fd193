import Foundation
import TouchbaseCore

/// An edit of a contact: only the fields given change (``FieldEdit``), in one edit.
///
/// `emails`, `phones` and `urls` replace the whole list; `addEmails`, `addPhones` and `addURLs`
/// append to it, each item once, and are refused while the list is in conflict (different lists
/// from different devices), so that no value is ever dropped. Setting a field that is in conflict
/// resolves the conflict.
public struct ContactChanges: Hashable, Sendable {
    /// A new name (it must not be empty).
    public var name: String?
    /// Employer, school or group.
    public var organization: FieldEdit<String>?
    /// Role or job title.
    public var role: FieldEdit<String>?
    /// Email addresses.
    public var emails: FieldEdit<[String]>?
    /// Phone numbers.
    public var phones: FieldEdit<[String]>?
    /// The LinkedIn profile.
    public var linkedin: FieldEdit<String>?
    /// Web pages.
    public var urls: FieldEdit<[String]>?
    /// City or region.
    public var location: FieldEdit<String>?
    /// How they vote in your search.
    public var voter: FieldEdit<Voter>?
    /// Where they are on the way from wishlist to active.
    public var stage: FieldEdit<Stage>?
    /// Your specific ask: what you want from them.
    public var ask: FieldEdit<String>?
    /// Your offer: how you can serve them.
    public var offer: FieldEdit<String>?
    /// How you met or who introduced you.
    public var source: FieldEdit<String>?
    /// Free-form notes.
    public var notes: FieldEdit<String>?
    /// Keep in touch every this many days.
    public var cadence: FieldEdit<Int>?
    /// Birthday; a date in year 0 has no year.
    public var birthday: FieldEdit<CalendarDate>?
    /// Items appended to the lists.
    public var addEmails: [String] = []
    /// Phone numbers appended to the list.
    public var addPhones: [String] = []
    /// Web pages appended to the list.
    public var addURLs: [String] = []
    /// Tags added.
    public var tags: [String] = []
    /// Hubs joined.
    public var hubs: [RecordID] = []

    /// An edit that changes nothing yet.
    public init() {}

    /// Whether the edit changes nothing.
    public var isEmpty: Bool { self == ContactChanges() }

    /// The puts: set fields in schema order (the name first), then cleared ones in schema order.
    func values() throws -> [(field: String, value: Value)] {
        var sets: [(String, Value)] = []
        var clears: [(String, Value)] = []
        if let name {
            guard let trimmed = FieldNormalizer.text(name) else { throw WorkspaceError(.emptyValue, field: "name") }
            sets.append(("name", .text(trimmed)))
        }
        func put(_ field: String, _ edit: FieldEdit<Value>?) {
            switch edit {
            case .set(let v)?: sets.append((field, v))
            case .clear?: clears.append((field, .null))
            case nil: break
            }
        }
        func text(_ field: String, _ edit: FieldEdit<String>?, _ normalize: (String) throws -> String = { $0 }) throws {
            switch edit {
            case .set(let s)?: put(field, .set(try FieldNormalizer.text(s).map { .text(try normalize($0)) } ?? .null))
            case .clear?: put(field, .clear)
            case nil: break
            }
        }
        func list(_ field: String, _ edit: FieldEdit<[String]>?) throws {
            switch edit {
            case .set(let texts)?:
                let items = try FieldNormalizer.contactList(field, texts)
                put(field, .set(items.isEmpty ? .null : .texts(items)))
            case .clear?: put(field, .clear)
            case nil: break
            }
        }
        func typed<T>(_ field: String, _ edit: FieldEdit<T>?, _ value: (T) throws -> Value) throws {
            switch edit {
            case .set(let v)?: put(field, .set(try value(v)))
            case .clear?: put(field, .clear)
            case nil: break
            }
        }
        try text("organization", organization)
        try text("role", role)
        try list("emails", emails)
        try list("phones", phones)
        try text("linkedin", linkedin, FieldNormalizer.linkedin)
        try list("urls", urls)
        try text("location", location)
        try typed("voter", voter, ContactRules.value)
        try typed("stage", stage, ContactRules.value)
        try text("ask", ask)
        try text("offer", offer)
        try text("source", source)
        try text("notes", notes)
        try typed("cadence", cadence, ContactRules.cadence)
        try typed("birthday", birthday) { .date($0) }
        return sets + clears
    }

    /// The list additions, normalised: `(field, items)` for each list with items to add.
    func additions() throws -> [(field: String, items: [String])] {
        try [("emails", addEmails), ("phones", addPhones), ("urls", addURLs)].compactMap { field, texts in
            let items = try FieldNormalizer.contactList(field, texts)
            return items.isEmpty ? nil : (field, items)
        }
    }
}
