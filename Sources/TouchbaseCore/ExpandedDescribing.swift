/// An error whose `description` carries no personal data (names, emails, notes, a user's query,
/// a record's values, file paths) and that can describe itself with that data when a client asks.
///
/// Logs and crash reports use `description`; a client that shows the error to the person it
/// concerns may use ``expandedDescription``, or better, word it itself from the error's code and
/// typed fields.
public protocol ExpandedDescribing: Error, CustomStringConvertible {
    /// The description with the personal data the error carries (the query, the value, the path).
    var expandedDescription: String { get }
}
