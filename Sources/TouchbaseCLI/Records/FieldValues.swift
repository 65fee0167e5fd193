import ArgumentParser
import Foundation
import TouchbaseCore

/// Turns the texts given for one field (one per repetition of its option) into a checked value.
enum FieldValues {
    /// Parses `texts` for `field`: a list field gets every item (each may itself be a comma list),
    /// any other field its single text.
    ///
    /// - throws: `ValidationError` from ``FieldInput`` for malformed input.
    static func parse(_ texts: [String], field: String, entity: EntitySchema, today: CalendarDate) throws -> Value {
        guard entity.type(of: field) == .texts else {
            return try FieldInput.parse(texts.last ?? "", field: field, entity: entity, today: today)
        }
        var items: [String] = []
        for text in texts {
            if let list = try FieldInput.parse(text, field: field, entity: entity, today: today).texts { items += list }
        }
        return items.isEmpty ? .null : .texts(unique(items))
    }

    /// The items in order, each once (compared case-insensitively).
    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0.lowercased()).inserted }
    }

    /// The tag names given, normalized; an empty one is an error.
    static func tags(_ names: [String]) throws -> [String] {
        try unique(names.map { name in
            let tag = Schema.normalizeTag(name)
            guard !tag.isEmpty else { throw ValidationError("a tag name must not be empty") }
            return tag
        })
    }
}
