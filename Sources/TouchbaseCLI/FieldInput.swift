import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseKit

/// What the user typed for a field, checked by the kit (``FieldNormalizer``) and, when refused,
/// worded for the terminal with the input quoted.
public enum FieldInput {
    /// Parses `text` for `field` of `entity`. An empty string clears the field.
    ///
    /// - throws: `ValidationError` with a clear message (malformed email, unknown stage, …).
    public static func parse(_ text: String, field: String, entity: EntitySchema, today: CalendarDate) throws -> Value {
        do {
            return try FieldNormalizer.value(text, field: field, in: entity) {
                try DateInput.parse($0, today: today, allowYearless: field == "birthday")
            }
        } catch let error as WorkspaceError {
            throw message(error, input: text, entity: entity)
        }
    }

    /// A plausible email address, lowercased domain.
    public static func email(_ s: String) throws -> String { try checked(s) { try FieldNormalizer.email($0) } }

    /// A phone number: digits with optional +, spaces, dashes, dots, parentheses.
    public static func phone(_ s: String) throws -> String { try checked(s) { try FieldNormalizer.phone($0) } }

    /// An http(s) URL; a bare domain gets `https://`.
    public static func url(_ s: String) throws -> String { try checked(s) { try FieldNormalizer.url($0, field: "url") } }

    /// A LinkedIn profile URL in the canonical form the importers use.
    public static func linkedin(_ s: String) throws -> String { try checked(s) { try FieldNormalizer.linkedin($0) } }

    private static func checked(_ s: String, _ normalize: (String) throws -> String) throws -> String {
        do {
            return try normalize(s)
        } catch let error as WorkspaceError {
            throw message(error, input: s, entity: nil)
        }
    }

    /// A refused field value in words, quoting what was typed (for a list, the item refused).
    static func message(_ error: WorkspaceError, input: String, entity: EntitySchema?) -> ValidationError {
        let field = error.field ?? "value"
        let s = input.trimmingCharacters(in: .whitespacesAndNewlines)
        if error.code == .unknownField {
            if error.detail != nil { return ValidationError("\(field) is set by its own command") }
            return ValidationError("\(entity?.name ?? "a record") has no field \(field)")
        }
        func item(_ check: (String) throws -> String) -> String {
            s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty && (try? check($0)) == nil } ?? s
        }
        switch (field, entity?.type(of: field)) {
        case ("emails", _): return ValidationError("malformed email \"\(item(FieldNormalizer.email))\"")
        case ("phones", _): return ValidationError("malformed phone number \"\(item(FieldNormalizer.phone))\"")
        case ("urls", _): return ValidationError("malformed URL \"\(item { try FieldNormalizer.url($0) })\"")
        case ("url", _): return ValidationError("malformed URL \"\(s)\"")
        case ("linkedin", _): return ValidationError("not a LinkedIn profile URL: \"\(s)\"")
        case (_, .int?): return ValidationError("\(field) must be a whole number, not \"\(s)\"")
        case (_, .bool?): return ValidationError("\(field) must be yes or no, not \"\(s)\"")
        case (_, .choice(let words)?): return ValidationError("\(field) must be one of \(words.joined(separator: ", ")); not \"\(s)\"")
        default: return ValidationError("\(field): \(error.detail ?? error.code.rawValue), not \"\(s)\"")
        }
    }
}
