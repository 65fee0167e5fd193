/// Several lines printed together (a table, a conflict, the day's plan). The output writer cleans
/// each line on its own and keeps the line breaks between them, which a plain string cannot have:
/// a line break inside one printed string is shown as `\n`.
struct TextBlock: CustomStringConvertible {
    /// The lines, without line breaks.
    var lines: [String]

    init(_ lines: [String]) { self.lines = lines }

    /// The lines joined by line feeds (not cleaned).
    var description: String { lines.joined(separator: "\n") }
}
