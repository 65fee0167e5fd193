import Foundation

/// The given and family parts of a contact's name, for the formats that carry them (vCard `N`,
/// the CSV's `given_name` and `family_name`).
///
/// A contact keeps one name as the person typed or imported it. Its parts are read from it:
/// `"Lovelace, Ada"` is family name, then given names; otherwise the last word is the family name
/// and the words before it the given names (`"Ada King Lovelace"` → `Ada King` / `Lovelace`). A
/// single word is a given name only.
enum PersonName {
    /// The given and family names read from `name` (`nil` for a part that is not there).
    static func parts(_ name: String) -> (given: String?, family: String?) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if let comma = trimmed.firstIndex(of: ","), trimmed.filter({ $0 == "," }).count == 1 {
            let family = trimmed[..<comma].trimmingCharacters(in: .whitespaces)
            let given = trimmed[trimmed.index(after: comma)...].trimmingCharacters(in: .whitespaces)
            return (given.isEmpty ? nil : given, family.isEmpty ? nil : family)
        }
        let words = trimmed.split(whereSeparator: \.isWhitespace)
        guard words.count > 1 else { return (words.first.map(String.init), nil) }
        return (words.dropLast().joined(separator: " "), String(words.last!))
    }
}
