/// When two phone numbers are the same number: a phone is kept as it was entered, for display,
/// and compared by its key (duplicates on add and import, merges, the duplicate finder).
public enum PhoneNumber {
    /// How many trailing digits identify a number written with or without its country code or
    /// trunk prefix: `+44 20 7946 0018` and `020 7946 0018`, `+33 6 12 34 56 78` and
    /// `06 12 34 56 78`, `+1 (555) 010-0199` and `555.010.0199` each compare equal.
    public static let significantDigits = 9

    /// The comparison key of `phone`: its digits (the last ``significantDigits`` of them when it has
    /// that many, else all of them after a kept leading `+`), then `x` and the extension's digits
    /// when it has one (`x`, `ext`, `;ext=`). A `tel:` prefix is ignored.
    public static func key(_ phone: String) -> String {
        var text = Substring(phone.lowercased().drop { $0 == " " || $0 == "\t" })
        if text.hasPrefix("tel:") { text = text.dropFirst(4) }
        var main = text
        var ext = ""
        if let cut = text.firstIndex(where: { $0 == "x" || $0 == "e" || $0 == ";" }) {
            main = text[..<cut]
            ext = String(text[cut...].filter { $0.isASCII && $0.isNumber })
        }
        let digits = String(main.filter { $0.isASCII && $0.isNumber })
        let base = digits.count >= significantDigits
            ? String(digits.suffix(significantDigits))
            : (main.first(where: { !$0.isWhitespace }) == "+" ? "+" : "") + digits
        return ext.isEmpty ? base : base + "x" + ext
    }

    /// Whether `a` and `b` are the same number.
    public static func same(_ a: String, _ b: String) -> Bool { key(a) == key(b) }
}
