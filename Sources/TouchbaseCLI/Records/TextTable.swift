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
        // Each cell made visible and measured once (a listing of 10,000 contacts has 60,000).
        func measured(_ cells: [String]) -> [(text: String, width: Int)] {
            cells.map { cell in
                let shown = TerminalText.visible(cell)
                return (shown, TerminalText.width(shown))
            }
        }
        let headers = measured(self.headers)
        let rows = self.rows.map(measured)
        var widths = headers.map(\.width)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.width) }
        }
        // The bytes of a line of plain cells, reserved once per line.
        let lineBytes = widths.reduce(2 * widths.count, +)
        func line(_ cells: [(text: String, width: Int)], _ styled: (Int, String) -> String) -> String {
            var text = ""
            text.reserveCapacity(lineBytes)
            for i in headers.indices {
                let cell: (text: String, width: Int) = i < cells.count ? cells[i] : ("", 0)
                if i > 0 { text += "  " }
                let padding = i == headers.count - 1 ? 0 : max(0, widths[i] - cell.width)
                text += styled(i, padding == 0 ? cell.text : cell.text + String(repeating: " ", count: padding))
            }
            // The last byte looked at first: most lines do not end in a space.
            while text.utf8.last == UInt8(ascii: " "), text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var out = [line(headers) { terminal.bold($1) }]
        out.reserveCapacity(rows.count + 1)
        for row in rows { out.append(line(row, style)) }
        return TextBlock(out)
    }

    /// `text` made visible and cut to `width` terminal cells, with an ellipsis when cut (never
    /// inside a grapheme cluster or a made-visible control character).
    static func clip(_ text: String, _ width: Int) -> String {
        TerminalText.clip(text, to: width)
    }
}
