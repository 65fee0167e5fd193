/// Why a workspace call was refused. Nothing is written when one is thrown.
///
/// A client words it itself from ``code`` and the fields that go with it. ``description`` is for
/// logs: it names no client command and carries no personal data (names, emails, notes).
public struct WorkspaceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A required value is empty (a contact without a name).
        case emptyValue
        /// A value is outside what the method allows (a date, minutes, a cadence).
        case outOfRange
        /// Input that does not parse (a date, an email, a URL).
        case malformed

        // Workflow (touch, meetings, the reason library, cadences).
        /// A name that is both a tag and a contact, where either could be meant.
        case ambiguousTarget
        /// A reason whose text is already in the library; `detail` is the existing reason's id.
        case reasonExists
    }

    /// What went wrong.
    public let code: Code
    /// The field or argument concerned, when there is one (`"name"`, `"minutes"`).
    public let field: String?
    /// A short, non-personal detail: an allowed range, an expected form.
    public let detail: String?

    /// Creates an error.
    public init(_ code: Code, field: String? = nil, detail: String? = nil) {
        self.code = code
        self.field = field
        self.detail = detail
    }

    public var description: String {
        var text = code.rawValue
        if let field { text += " (\(field))" }
        if let detail { text += ": \(detail)" }
        return text
    }
}
