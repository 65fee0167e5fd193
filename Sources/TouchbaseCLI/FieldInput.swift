import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseInterop

/// Turns what the user typed for a field into a checked value.
public enum FieldInput {
    /// Parses `text` for `field` of `entity`. An empty string clears the field.
    ///
    /// - throws: `ValidationError` with a clear message (malformed email, unknown stage, …).
    public static func parse(_ text: String, field: String, entity: EntitySchema, today: CalendarDate) throws -> Value {
        guard let type = entity.type(of: field) else { throw ValidationError("\(entity.name) has no field \(field)") }
        let s = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if s.isEmpty { return .null }
        switch type {
        case .text:
            if field == "linkedin" { return .text(try linkedin(s)) }
            if field == "url" { return .text(try url(s)) }
            return .text(s)
        case .int:
            guard let i = Int64(s), i >= 0 else { throw ValidationError("\(field) must be a whole number, not \"\(s)\"") }
            return .int(i)
        case .bool:
            switch s.lowercased() {
            case "yes", "true", "1": return .bool(true)
            case "no", "false", "0": return .bool(false)
            default: throw ValidationError("\(field) must be yes or no, not \"\(s)\"")
            }
        case .date:
            return .date(try DateInput.parse(s, today: today, allowYearless: field == "birthday"))
        case .choice(let words):
            let w = s.lowercased()
            guard words.contains(w) else { throw ValidationError("\(field) must be one of \(words.joined(separator: ", ")); not \"\(s)\"") }
            return .text(w)
        case .texts:
            let items = s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            switch field {
            case "emails": return .texts(try items.map(email))
            case "phones": return .texts(try items.map(phone))
            case "urls": return .texts(try items.map(url))
            default: return .texts(items)
            }
        case .ref, .refs:
            throw ValidationError("\(field) is set by its own command")
        }
    }

    /// A plausible email address, lowercased domain.
    public static func email(_ s: String) throws -> String {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !s.contains(where: { $0.isWhitespace || $0 == "," || $0 == "<" || $0 == ">" }) else {
            throw ValidationError("malformed email \"\(s)\"")
        }
        return "\(parts[0])@\(parts[1].lowercased())"
    }

    /// A phone number: digits with optional +, spaces, dashes, dots, parentheses.
    public static func phone(_ s: String) throws -> String {
        let digits = s.filter(\.isNumber)
        guard digits.count >= 3, s.allSatisfy({ $0.isNumber || " +-().x".contains($0) }) else {
            throw ValidationError("malformed phone number \"\(s)\"")
        }
        return s
    }

    /// An http(s) URL; a bare domain gets `https://`.
    public static func url(_ s: String) throws -> String {
        let full = s.contains("://") ? s : "https://" + s
        guard let u = URL(string: full), let scheme = u.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = u.host, host.contains(".") else { throw ValidationError("malformed URL \"\(s)\"") }
        return full
    }

    /// A LinkedIn profile URL in the canonical form the importers use (``LinkedInURL/normalize(_:)``),
    /// so a contact's derived id is the same whether it was typed or imported.
    public static func linkedin(_ s: String) throws -> String {
        guard let canonical = LinkedInURL.normalize(s) else { throw ValidationError("not a LinkedIn profile URL: \"\(s)\"") }
        return canonical
    }
}
