/// The type of a known field, which decides how its values are validated and materialized.
public enum FieldType: Hashable, Sendable {
    case text
    case int
    case bool
    case date
    /// One of a fixed set of lowercase words.
    case choice([String])
    /// A reference to a record of the named entity.
    case ref(String)
    /// A list of strings.
    case texts
    /// A list of references to records of the named entity.
    case refs(String)

    /// Whether `value` fits this type (``Value/null`` always fits: it clears the field).
    public func accepts(_ value: Value) -> Bool {
        switch (self, value) {
        case (_, .null), (.text, .text), (.int, .int), (.bool, .bool), (.date, .date), (.ref, .ref),
             (.texts, .texts), (.refs, .refs):
            return true
        case (.choice(let words), .text(let s)):
            return words.contains(s)
        default:
            return false
        }
    }
}
