import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Horizontal bar charts for the terminal: Unicode block bars (eighths of a cell) on a terminal,
/// `#` bars when the output is not one (a file, a pipe), sized to the terminal's width.
struct StatsChart {
    /// Whether bars use Unicode blocks.
    var unicode: Bool
    /// The width of a line, in terminal cells.
    var width: Int

    /// The chart style of standard output: Unicode and its width on a terminal; `#` and
    /// `$COLUMNS` (else 80) otherwise.
    static func forStandardOutput() -> StatsChart {
        let tty = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
        var columns = 0
        if tty {
            var size = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 { columns = Int(size.ws_col) }
        }
        if columns <= 0 { columns = Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80 }
        return StatsChart(unicode: tty, width: max(40, min(columns, 200)))
    }

    /// A bar for `value` of `maximum`, at most `cells` wide (never empty for a value above 0).
    func bar(_ value: Double, of maximum: Double, cells: Int) -> String {
        guard maximum > 0, value > 0, cells > 0 else { return "" }
        let eighths = max(1, Int((value / maximum * Double(cells) * 8).rounded()))
        if !unicode { return String(repeating: "#", count: max(1, (eighths + 4) / 8)) }
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
    }

    /// Rows of `label  bar  note`, labels padded to one width, bars scaled to the widest value.
    func rows(_ items: [(label: String, value: Double, note: String)], style: (String) -> String = { $0 }) -> [String] {
        let labelWidth = min(24, items.map { TerminalText.width($0.label) }.max() ?? 0)
        let noteWidth = items.map { TerminalText.width($0.note) }.max() ?? 0
        let cells = max(8, min(50, width - labelWidth - noteWidth - 6))
        let maximum = items.map(\.value).max() ?? 0
        return items.map { item in
            let label = TerminalText.clip(item.label, to: labelWidth).padded(to: labelWidth)
            let bar = self.bar(item.value, of: maximum, cells: cells)
            return "  " + label + "  " + style(bar.padded(to: cells)) + "  " + item.note
        }
    }
}
