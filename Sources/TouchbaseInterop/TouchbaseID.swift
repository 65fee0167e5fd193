/// Text forms of Touchbase record ids: 32 lowercase hex digits, or a UUID-style 8-4-4-4-12.
enum TouchbaseID {
    /// The 32-lowercase-hex form of `text`, which may be 32 hex digits, a dashed UUID, or either
    /// behind `urn:uuid:`; `nil` otherwise.
    static func normalize(_ text: String) -> String? {
        var value = Substring(text.trimmingWhitespace().lowercased())
        if value.hasPrefix("urn:uuid:") { value = value.dropFirst("urn:uuid:".count) }
        let groups = value.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.count == 1 || groups.map(\.count) == [8, 4, 4, 4, 12] else { return nil }
        let hex = groups.joined()
        guard hex.count == 32, hex.allSatisfy(isASCIIHex) else { return nil }
        return hex
    }

    /// Whether `text` is exactly 32 hex digits (either case).
    static func isValid(_ text: String) -> Bool {
        text.count == 32 && text.allSatisfy(isASCIIHex)
    }

    /// Whether `ch` is one of `0-9 a-f A-F`.
    private static func isASCIIHex(_ ch: Character) -> Bool {
        ch.isASCII && ch.isHexDigit
    }

    /// `0123456789abcdef…` as `01234567-89ab-cdef-…`; `nil` unless it is a valid id.
    static func uuidString(_ id: String) -> String? {
        guard let hex = normalize(id) else { return nil }
        var out = ""
        for (i, ch) in hex.enumerated() {
            if i == 8 || i == 12 || i == 16 || i == 20 { out.append("-") }
            out.append(ch)
        }
        return out
    }
}
