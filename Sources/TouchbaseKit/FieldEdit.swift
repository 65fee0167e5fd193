/// A change to one field in an edit: a new value, or clearing it. A field left `nil` in an edit is
/// not touched.
public enum FieldEdit<Wrapped: Hashable & Sendable>: Hashable, Sendable {
    /// Sets the field (an empty text or list clears it).
    case set(Wrapped)
    /// Clears the field.
    case clear
}
