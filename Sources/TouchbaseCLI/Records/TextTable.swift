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
        let columns = headers.count
        // Each cell made visible and measured once, into one flat array of `columns` cells per
        // line (a listing of 10,000 contacts has 60,000): a cell of printable ASCII, nearly every
        // one, is its own visible form, one byte per terminal cell.
        func measured(_ cell: String) -> (text: String, width: Int) {
            if TerminalText.isPlainASCII(cell) { return (cell, cell.utf8.count) }
            let shown = TerminalText.visible(cell)
            return (shown, TerminalText.width(shown))
        }
        var cells: [(text: String, width: Int)] = []
        cells.reserveCapacity((rows.count + 1) * columns)
        for header in headers { cells.append(measured(header)) }
        for row in rows {
            for i in 0..<columns { cells.append(i < row.count ? measured(row[i]) : ("", 0)) }
        }
        var widths = Array(repeating: 0, count: columns)
        for (k, cell) in cells.enumerated() { widths[k % columns] = max(widths[k % columns], cell.width) }
        // Runs of spaces for the padding, made once per width.
        let pads = (0...(widths.max() ?? 0)).map { String(repeating: " ", count: $0) }
        // Each line's bytes gathered in one buffer, reused from line to line, then made a string
        // once (not a string grown cell by cell).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(widths.reduce(2 * columns, +) + 64)
        func line(_ start: Int, _ styled: (Int, String) -> String) -> String {
            bytes.removeAll(keepingCapacity: true)
            for i in 0..<columns {
                let cell = cells[start + i]
                if i > 0 { bytes.append(UInt8(ascii: " ")); bytes.append(UInt8(ascii: " ")) }
                let padding = i == columns - 1 ? 0 : max(0, widths[i] - cell.width)
                bytes.append(contentsOf: styled(i, padding == 0 ? cell.text : cell.text + pads[padding]).utf8)
            }
            // Trailing spaces dropped. Spaces after an ASCII byte are whole characters of their
            // own; after other bytes the string decides what a character is.
            var end = bytes.count
            while end > 0, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
            if end == bytes.count || end == 0 || bytes[end - 1] < 0x80 {
                return String(decoding: bytes[..<end], as: UTF8.self)
            }
            var text = String(decoding: bytes, as: UTF8.self)
            while text.utf8.last == UInt8(ascii: " "), text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var out = [line(0) { terminal.bold($1) }]
        out.reserveCapacity(rows.count + 1)
        for r in rows.indices { out.append(line((r + 1) * columns, style)) }
        return TextBlock(out)
    }

    /// `text` made visible and cut to `width` terminal cells, with an ellipsis when cut (never
    /// inside a grapheme cluster or a made-visible control character).
    static func clip(_ text: String, _ width: Int) -> String {
        TerminalText.clip(text, to: width)
    }
}
