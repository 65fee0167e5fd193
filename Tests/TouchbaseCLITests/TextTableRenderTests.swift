import Testing
import TouchbaseTestSupport
@testable import TouchbaseCLI

/// `TextTable.render` against the cell-by-cell rendering it replaced (kept here as the
/// reference), over random tables: ASCII and wide, combining, control and bidi characters, empty
/// and missing cells, rows longer than the heading, trailing spaces, styled columns.
@Suite struct TextTableRenderTests {
    /// The rendering as it was: each row's cells measured into an array, each line grown as a string.
    static func reference(_ table: TextTable, _ terminal: Terminal, style: (Int, String) -> String) -> [String] {
        func measured(_ cells: [String]) -> [(text: String, width: Int)] {
            cells.map { cell in
                let shown = TerminalText.visible(cell)
                return (shown, TerminalText.width(shown))
            }
        }
        let headers = measured(table.headers)
        let rows = table.rows.map(measured)
        var widths = headers.map(\.width)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.width) }
        }
        func line(_ cells: [(text: String, width: Int)], _ styled: (Int, String) -> String) -> String {
            var text = ""
            for i in headers.indices {
                let cell: (text: String, width: Int) = i < cells.count ? cells[i] : ("", 0)
                if i > 0 { text += "  " }
                let padding = i == headers.count - 1 ? 0 : max(0, widths[i] - cell.width)
                text += styled(i, padding == 0 ? cell.text : cell.text + String(repeating: " ", count: padding))
            }
            while text.utf8.last == UInt8(ascii: " "), text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        return [line(headers) { terminal.bold($1) }] + rows.map { line($0, style) }
    }

    @Test func renderingMatchesTheCellByCellReference() {
        let pieces = ["", " ", "  ", "Ada", "Ben Okri", "张伟", "😀x", "e\u{301}", "\u{600}", "\u{600} ", "a\u{1B}[2Jb", "tab\there",
                      "\u{202E}exe", "Zoë ", "x  ", "--", "A-", "a\nb", "ℌ", "\u{200B}", "Northwind Traders Ltd"]
        let base = SeededGenerator.seed(fallback: 0x7AB7E)
        var rng = SeededGenerator(seed: base)
        let terminal = Terminal()
        let styles: [(Int, String) -> String] = [
            { $1 },
            { column, cell in column == 1 && cell.hasPrefix("-") ? "<" + cell + ">" : cell },
            { column, cell in column == 0 ? cell.uppercased() : cell },
        ]
        for round in 0..<300 {
            let columns = Int.random(in: 0...5, using: &rng)
            var table = TextTable((0..<columns).map { _ in pieces.randomElement(using: &rng)! })
            for _ in 0..<Int.random(in: 0...6, using: &rng) {
                let count = Int.random(in: 0...(columns + 1), using: &rng)
                table.add((0..<count).map { _ in
                    (0..<Int.random(in: 1...2, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
                })
            }
            let style = styles[round % styles.count]
            let got = table.render(terminal, style: style).lines
            let want = Self.reference(table, terminal, style: style)
            #expect(got == want, "seed \(base), round \(round): \(table.headers) \(table.rows)")
        }
    }
}
