import Foundation

/// A reason to add to the library: something to share when reaching out.
public struct ReasonDraft: Hashable, Sendable {
    /// What you have to share: required, unique in the library (ignoring case).
    public var text: String
    /// A link to it, already normalised by the client's URL rule.
    public var url: String?

    /// Creates a draft.
    public init(text: String, url: String? = nil) {
        self.text = text
        self.url = url
    }

    /// The text without surrounding blanks.
    public var trimmedText: String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Checks that there is something to share.
    ///
    /// - throws: ``WorkspaceError`` `.emptyValue` (field `text`).
    public func validate() throws {
        guard !trimmedText.isEmpty else { throw WorkspaceError(.emptyValue, field: "text") }
    }
}
