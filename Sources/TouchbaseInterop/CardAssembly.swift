import Foundation

/// Clean-up steps every parser applies before handing out a card.
enum CardAssembly {
    /// `value` split on `separator`, each piece trimmed, empty pieces dropped.
    static func split(_ value: String?, on separator: String) -> [String] {
        guard let value else { return [] }
        return value.components(separatedBy: separator).compactMap(\.nonBlank)
    }

    /// Non-blank parts joined by a space: `"Ada", nil, "Lovelace"` → `"Ada Lovelace"`.
    static func joinName(_ parts: String?...) -> String? {
        parts.compactMap { $0?.nonBlank }.joined(separator: " ").nonBlank
    }

    /// Non-blank parts joined by `", "`.
    static func joinLocation(_ parts: [String?]) -> String? {
        parts.compactMap { $0?.nonBlank }.joined(separator: ", ").nonBlank
    }

    /// Sorts web addresses into the card: the first LinkedIn profile becomes `linkedinURL`
    /// (unless one is set already); everything else lands in `urls`.
    static func addURLs(_ values: [String], to card: inout ContactCard) {
        for value in values {
            guard let url = value.nonBlank else { continue }
            if let profile = LinkedInURL.normalize(url) {
                if card.linkedinURL == nil { card.linkedinURL = profile; continue }
                if card.linkedinURL == profile { continue }
            }
            card.urls.append(url)
        }
    }

    /// The finished card: lists deduplicated, blank optionals cleared, and a name guaranteed.
    /// The name falls back to given + family name, organization, email, phone, then LinkedIn
    /// profile; `nil` when the card has none of these and so cannot be imported.
    static func finish(_ card: ContactCard) -> ContactCard? {
        var c = card
        c.emails = unique(c.emails.compactMap(\.nonBlank), key: { ContactCard.normalizeEmail($0) ?? $0 })
        c.phones = unique(c.phones.compactMap(\.nonBlank), key: { ContactCard.normalizePhone($0) ?? $0 })
        c.urls = unique(c.urls.compactMap(\.nonBlank), key: { $0 })
        c.tags = unique(c.tags.compactMap(\.nonBlank), key: { $0.lowercased() })
        c.hubs = unique(c.hubs.compactMap(\.nonBlank), key: { $0.lowercased() })
        for path in [\ContactCard.givenName, \.familyName, \.organization, \.role, \.location, \.uid,
                     \.stage, \.voter, \.ask, \.offer, \.source, \.id, \.linkedinURL] as [WritableKeyPath<ContactCard, String?>] {
            c[keyPath: path] = c[keyPath: path]?.nonBlank
        }
        c.notes = c.notes.flatMap { $0.nonBlank == nil ? nil : trimNotes($0) }
        let fallback = joinName(c.givenName, c.familyName) ?? c.organization ?? c.emails.first ?? c.phones.first
            ?? c.linkedinURL
        guard let name = c.name.nonBlank ?? fallback else { return nil }
        c.name = name
        return c
    }

    /// Notes keep their inner layout, with CRLF and CR line ends made LF; only surrounding
    /// blank lines and spaces go.
    private static func trimNotes(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n").trimmingWhitespace()
    }

    /// Elements in first-seen order without repeats of `key`.
    private static func unique(_ values: [String], key: (String) -> String) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert(key($0)).inserted }
    }
}
