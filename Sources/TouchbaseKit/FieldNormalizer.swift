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
    /// and `x` (kept as typed).
    public static func phone(_ text: String) throws -> String {
        let s = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard s.filter(\.isNumber).count >= 3, s.allSatisfy({ $0.isNumber || " +-().x".contains($0) }) else {
            throw WorkspaceError(.malformed, field: "phones", detail: "digits with optional + ( ) - . x and spaces")
        }
        return s
    }

    /// An http(s) web address; a bare domain gets `https://`.
    ///
    /// - parameter field: the field named in the error (`urls` of a contact, `url` of a hub or reason).
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
        case "phones": return try list(texts, phone)
        case "urls": return try list(texts) { try url($0) }
        default: return try list(texts) { $0 }
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
