import Foundation
import TouchbaseCore
import TouchbaseInterop

/// How typed input becomes stored values: every client normalises email addresses, phone numbers,
/// web addresses, LinkedIn profiles and tags the same way, so the same input never makes two
/// records (a contact's id is derived from its LinkedIn profile).
///
/// Each function throws ``WorkspaceError`` with code ``WorkspaceError/Code/malformed``, the field
/// concerned and the expected form; the error never repeats the input.
public enum FieldNormalizer {
    /// A plausible email address, its domain lowercased.
    public static func email(_ text: String) throws -> String {
        let s = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !s.contains(where: { $0.isWhitespace || $0 == "," || $0 == "<" || $0 == ">" }) else {
            throw WorkspaceError(.malformed, field: "emails", detail: "an address like name@example.org")
        }
        return "\(parts[0])@\(parts[1].lowercased())"
    }

    /// A phone number: at least three digits, with optional `+`, spaces, dashes, dots, parentheses
    /// and `x` (kept as typed; compared by ``PhoneNumber/key(_:)``, so one number is kept once).
    public static func phone(_ text: String) throws -> String {
        let s = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard s.filter(\.isNumber).count >= 3, s.allSatisfy({ $0.isNumber || " +-().x".contains($0) }) else {
            throw WorkspaceError(.malformed, field: "phones", detail: "digits with optional + ( ) - . x and spaces")
        }
        return s
    }

    /// An http(s) web address; a bare domain gets `https://`.
    ///
    /// - parameters:
    ///   - text: the address as typed.
    ///   - field: the field named in the error (`urls` of a contact, `url` of a hub or reason).
    public static func url(_ text: String, field: String = "urls") throws -> String {
        let s = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let full = s.contains("://") ? s : "https://" + s
        guard let u = URL(string: full), let scheme = u.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = u.host, host.contains(".") else {
            throw WorkspaceError(.malformed, field: field, detail: "an http or https address")
        }
        return full
    }

    /// A LinkedIn profile in the canonical form the importers use, so a contact's derived id is the
    /// same whether the profile was typed or imported.
    public static func linkedin(_ text: String) throws -> String {
        guard let canonical = LinkedInURL.normalize(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw WorkspaceError(.malformed, field: "linkedin", detail: "a linkedin.com/in/… profile address")
        }
        return canonical
    }

    /// The items of a list field: each text may itself be a comma-separated list; items are
    /// trimmed, normalised with `item`, and kept once each (compared without case), in order.
    public static func list(_ texts: [String], _ item: (String) throws -> String) throws -> [String] {
        var out: [String] = []
        for text in texts {
            for piece in text.split(separator: ",") {
                let trimmed = piece.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty { out.append(try item(trimmed)) }
            }
        }
        return unique(out)
    }

    /// The items of a contact's list field (`emails`, `phones`, `urls`), normalised.
    public static func contactList(_ field: String, _ texts: [String]) throws -> [String] {
        switch field {
        case "emails": return try list(texts, email)
        case "phones": return RecordOps.uniqueItems(try list(texts, phone), field: "phones")
        case "urls": return try list(texts) { try url($0) }
        default: return try list(texts) { $0 }
        }
    }

    /// The value of any field of `entity` as a person types it: an empty text clears the field;
    /// texts are trimmed; a LinkedIn profile, web address, email or phone is normalised (list items
    /// are comma-separated, kept in order, not yet made unique); a choice is any case of one of its
    /// words; a number is a whole number of 0 or more; a date goes through `date`.
    ///
    /// - throws: ``WorkspaceError`` `.unknownField` for a field the entity does not have or a link,
    ///   `.malformed` (detail: the expected form) for anything else that does not fit; what `date`
    ///   throws.
    public static func value(_ text: String, field: String, in entity: EntitySchema,
                             date: (String) throws -> CalendarDate) throws -> Value {
        guard let type = entity.type(of: field) else { throw WorkspaceError(.unknownField, field: field) }
        let s = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if s.isEmpty { return .null }
        switch type {
        case .text:
            if field == "linkedin" { return .text(try linkedin(s)) }
            if field == "url" { return .text(try url(s, field: field)) }
            return .text(s)
        case .int:
            guard let i = Int64(s), i >= 0 else { throw WorkspaceError(.malformed, field: field, detail: "a whole number") }
            return .int(i)
        case .bool:
            switch s.lowercased() {
            case "yes", "true", "1": return .bool(true)
            case "no", "false", "0": return .bool(false)
            default: throw WorkspaceError(.malformed, field: field, detail: "yes or no")
            }
        case .date:
            return .date(try date(s))
        case .choice(let words):
            let w = s.lowercased()
            guard words.contains(w) else { throw WorkspaceError(.malformed, field: field, detail: words.joined(separator: ", ")) }
            return .text(w)
        case .texts:
            let items = s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            switch field {
            case "emails": return .texts(try items.map(email))
            case "phones": return .texts(RecordOps.uniqueItems(try items.map(phone), field: "phones"))
            case "urls": return .texts(try items.map { try url($0) })
            default: return .texts(items)
            }
        case .ref, .refs:
            throw WorkspaceError(.unknownField, field: field, detail: "a link, set by its own call")
        }
    }

    /// A tag name as stored: trimmed, lowercased, inner whitespace collapsed.
    ///
    /// - throws: ``WorkspaceError/Code/emptyValue`` (field `tags`) for a name of only whitespace.
    public static func tag(_ name: String) throws -> String {
        let tag = Schema.normalizeTag(name)
        guard !tag.isEmpty else { throw WorkspaceError(.emptyValue, field: "tags") }
        return tag
    }

    /// Tag names normalised, each once, in order.
    public static func tags(_ names: [String]) throws -> [String] {
        unique(try names.map(tag))
    }

    /// A free text: trimmed; `nil` when nothing is left.
    public static func text(_ text: String) -> String? {
        let s = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return s.isEmpty ? nil : s
    }

    /// The items in order, each once (compared without case).
    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0.lowercased()).inserted }
    }
}
