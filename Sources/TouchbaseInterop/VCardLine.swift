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
    ///
    /// Linear in the size of `text`: the logical line being built is kept apart and appended to,
    /// and whether it is quoted-printable is decided once, when its first `:` (the end of the
    /// parameters) arrives, never by rescanning what was joined so far.
    static func unfold(_ text: String) -> [VCardLine] {
        var out: [VCardLine] = []
        var current: String?
        var currentLine = 0
        var currentIsQP = false
        var colonSeen = false
        var number = 0
        var softBreak = false
        func flush() {
            if let text = current { out.append(VCardLine(text: text, line: currentLine)) }
            current = nil
        }
        for physical in physicalLines(text) {
            number += 1
            let added: Substring
            if let first = physical.unicodeScalars.first, first == " " || first == "\t", current != nil {
                added = Substring(physical.unicodeScalars.dropFirst())
                current!.append(contentsOf: added)
            } else if softBreak, current != nil {
                added = physical
                current!.append(contentsOf: added)
            } else if physical.isEmpty {
                continue
            } else {
                flush()
                added = physical
                current = String(physical)
                currentLine = number
                currentIsQP = false
                colonSeen = false
            }
            if !colonSeen, added.unicodeScalars.contains(":") {
                colonSeen = true
                currentIsQP = isQuotedPrintable(Substring(current!))
            }
            softBreak = false
            if currentIsQP, current!.unicodeScalars.last == "=" {
                current!.unicodeScalars.removeLast()
                softBreak = true
            }
        }
        flush()
        return out
    }

    /// Whether the property's parameters declare quoted-printable encoding.
    private static func isQuotedPrintable(_ text: Substring) -> Bool {
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
