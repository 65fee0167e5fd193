/// Normalized keys the importer uses to recognise a person it already knows.
extension ContactCard {
    /// The emails lowercased and trimmed, empty ones dropped, duplicates removed (order kept).
    public var normalizedEmails: [String] {
        ContactCard.unique(emails.compactMap(ContactCard.normalizeEmail))
    }

    /// The phones reduced to their digits with a leading `+` kept when present, empty ones
    /// dropped, duplicates removed (order kept). `+1 (555) 010-0199` becomes `+15550100199`.
    public var normalizedPhones: [String] {
        ContactCard.unique(phones.compactMap(ContactCard.normalizePhone))
    }

    /// One email lowercased and trimmed (a leading `mailto:` removed); `nil` when empty.
    public static func normalizeEmail(_ email: String) -> String? {
        var value = email.trimmingWhitespace().lowercased()
        if value.hasPrefix("mailto:") { value.removeFirst("mailto:".count) }
        return value.isEmpty ? nil : value
    }

    /// One phone reduced to ASCII digits with a leading `+` kept (a `tel:` prefix ignored);
    /// `nil` when it holds no digit.
    public static func normalizePhone(_ phone: String) -> String? {
        var value = Substring(phone.trimmingWhitespace())
        if value.lowercased().hasPrefix("tel:") { value = value.dropFirst(4) }
        let digits = value.unicodeScalars.filter { ("0"..."9").contains($0) }
        guard !digits.isEmpty else { return nil }
        let plus = value.first(where: { !$0.isWhitespace }) == "+" ? "+" : ""
        return plus + String(String.UnicodeScalarView(digits))
    }

    /// A LinkedIn profile URL in canonical form; the same as ``LinkedInURL/normalize(_:)``.
    public static func normalizeLinkedInURL(_ url: String) -> String? {
        LinkedInURL.normalize(url)
    }

    /// Elements in first-seen order without repeats.
    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
