import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How wide the output is: `COLUMNS` when set, else the terminal's width when standard output
/// is a terminal, else `nil` (a pipe or a file: text is not wrapped).
enum TerminalWidth {
    /// The width in cells, or `nil` when output is not wrapped.
    static func current() -> Int? {
        if let s = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(s), n > 0 { return n }
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        #if canImport(Glibc)
        let request = UInt(TIOCGWINSZ)
        #else
        let request = TIOCGWINSZ
        #endif
        guard ioctl(STDOUT_FILENO, request, &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// `text` cut into lines of at most `width` cells (display width, ``DisplayWidth``), at spaces
    /// where it can, inside a word only when the word alone is wider. Line breaks in `text` are
    /// kept. With no width the text comes back as its own lines.
    static func wrap(_ text: String, width: Int?) -> [String] {
        let paragraphs = text.components(separatedBy: "\n")
        guard let width, width > 0 else { return paragraphs }
        var lines: [String] = []
        for paragraph in paragraphs {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var w = String(word)
                var ww = DisplayWidth.width(of: w)
                if lineWidth > 0, lineWidth + 1 + ww <= width {
                    line += " " + w
                    lineWidth += 1 + ww
                    continue
                }
                if lineWidth > 0 { lines.append(line); line = ""; lineWidth = 0 }
                while ww > width {
                    var head = "", hw = 0
                    var rest = Substring(w)
                    while let c = rest.first, hw + DisplayWidth.width(of: c) <= width || head.isEmpty {
                        head.append(c)
                        hw += DisplayWidth.width(of: c)
                        rest = rest.dropFirst()
                    }
                    lines.append(head)
                    w = String(rest)
                    ww = DisplayWidth.width(of: w)
                }
                line = w
                lineWidth = ww
            }
            lines.append(line)
        }
        return lines
    }
}
