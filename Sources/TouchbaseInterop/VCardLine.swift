/// A logical vCard line: physical lines joined after unfolding, with the line it starts on.
struct VCardLine: Hashable, Sendable {
    /// The unfolded text.
    var text: String
    /// The 1-based physical line where it starts.
    var line: Int

    /// The logical lines of `text`.
    ///
    /// A physical line starting with a space or tab continues the previous one (that one
    /// whitespace character is removed). A quoted-printable value ending in `=` (a soft line
    /// break) continues on the next physical line with the `=` removed. Empty lines are dropped.
    static func unfold(_ text: String) -> [VCardLine] {
        var out: [VCardLine] = []
        var number = 0
        var softBreak = false
        for physical in physicalLines(text) {
            number += 1
            if let first = physical.unicodeScalars.first, first == " " || first == "\t", !out.isEmpty {
                out[out.count - 1].text += Substring(physical.unicodeScalars.dropFirst())
            } else if softBreak, !out.isEmpty {
                out[out.count - 1].text += physical
            } else if physical.isEmpty {
                continue
            } else {
                out.append(VCardLine(text: String(physical), line: number))
            }
            softBreak = false
            if let last = out.last, last.text.hasSuffix("="), isQuotedPrintable(last.text) {
                out[out.count - 1].text.removeLast()
                softBreak = true
            }
        }
        return out
    }

    /// Whether the property's parameters declare quoted-printable encoding.
    private static func isQuotedPrintable(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        return text[..<colon].uppercased().contains("QUOTED-PRINTABLE")
    }

    /// The physical lines; CRLF, LF and a lone CR each end one.
    private static func physicalLines(_ text: String) -> [Substring] {
        let scalars = text.unicodeScalars
        var lines: [Substring] = []
        var start = scalars.startIndex
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let s = scalars[i]
            guard s == "\n" || s == "\r" else {
                i = scalars.index(after: i)
                continue
            }
            lines.append(Substring(scalars[start..<i]))
            var next = scalars.index(after: i)
            if s == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
            i = next
            start = next
        }
        if start < scalars.endIndex { lines.append(Substring(scalars[start...])) }
        return lines
    }
}
