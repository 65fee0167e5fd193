/// The agenda written as an iCalendar file.
public struct CalendarExport: Hashable, Sendable {
    /// The file's text (CRLF line ends).
    public var text: String
    /// How many events it holds.
    public var count: Int
}
