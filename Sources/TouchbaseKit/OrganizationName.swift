import Foundation

/// Organisation names compared as a person reads them: case, accents and spacing aside, so
/// "Zürich Re", "zurich re" and " ZURICH  RE " are one organisation.
public enum OrganizationName {
    /// The comparison key of a name; `nil` for an empty one.
    public static func key(_ name: String?) -> String? {
        guard let name else { return nil }
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        let key = folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return key.isEmpty ? nil : key
    }

    /// Whether two names are the same organisation.
    public static func same(_ a: String?, _ b: String?) -> Bool {
        guard let ka = key(a) else { return false }
        return ka == key(b)
    }
}
