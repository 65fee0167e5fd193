/// Aligned columns for listings: every cell is made visible (``TerminalText/visible(_:)``) and padded to
/// its column's width in terminal cells (wide characters and emoji count 2) before it is styled, so
/// neither colour nor Chinese, Japanese or emoji names break the alignment.
struct TextTable {
    /// The column headings.
    var headers: [String]
    /// The rows, one string per column.
    var rows: [[String]] = []

    /// A table with these headings.
    init(_ headers: [String]) { self.headers = headers }

    /// Adds a row (missing cells are empty).
    mutating func add(_ cells: [String]) { rows.append(cells) }

    /// The table as lines: a bold heading, then the rows; `style` may colour a cell by column.
    func render(_ terminal: Terminal, style: (Int, String) -> String = { $1 }) -> TextBlock {
        let headers = self.headers.map(TerminalText.visible)
        let rows = self.rows.map { $0.map(TerminalText.visible) }
        var widths = headers.map(TerminalText.width)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], TerminalText.width(cell)) }
        }
        func line(_ cells: [String], _ styled: (Int, String) -> String) -> String {
            var parts: [String] = []
            for i in headers.indices {
                let cell = i < cells.count ? cells[i] : ""
                let padded = i == headers.count - 1 ? cell : cell.padded(to: widths[i])
                parts.append(styled(i, padded))
            }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var out = [line(headers) { terminal.bold($1) }]
        out += rows.map { line($0, style) }
        return TextBlock(out)
    }

    /// `text` made visible and cut to `width` terminal cells, with an ellipsis when cut (never
    /// inside a grapheme cluster or a made-visible control character).
    static func clip(_ text: String, _ width: Int) -> String {
        TerminalText.clip(text, to: width)
    }
}
