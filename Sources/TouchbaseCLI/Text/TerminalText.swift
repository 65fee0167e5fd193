/// Text made safe to show on a terminal, and measured in terminal cells.
///
/// Names, fields, device names and file names come from imports, other devices and the shared
/// folder: they may hold escape sequences (`ESC ] 0;title BEL`, `ESC [2J`), line breaks or bidi
/// overrides. Every text printed for a human goes through ``clean(_:)`` in the output writer
/// (``print(_:separator:terminator:)``); the text helpers (``RecordText``, ``TextTable``) make data
/// visible with ``visible(_:)`` before measuring and aligning it.
///
/// Made visible: C0 controls as caret notation (`ESC` → `^[`, `BEL` → `^G`), with `\n`, `\r` and
/// `\t` for line feed, carriage return and tab; `DEL` → `^?`; C1 controls and the bidi overrides
/// and isolates (U+202A–U+202E, U+2066–U+2069) as `\u{…}`.
///
/// The colours the tool adds itself (``Terminal``) travel inside the program as a marker that no
/// text from outside can contain (private-use characters chosen at random when the program
/// starts), and only ``clean(_:)`` turns them into escape sequences: an imported `ESC [31m` is
/// shown as `^[[31m`, never obeyed.
enum TerminalText {
    /// The colour marker: three random supplementary private-use characters, then the SGR code
    /// and `m`.
    static let marker: [Unicode.Scalar] = {
        var g = SystemRandomNumberGenerator()
        return (0..<3).map { _ in Unicode.Scalar(UInt32.random(in: 0xF0000...0xFFFFD, using: &g))! }
    }()

    /// `text` in the colour or weight of SGR `code`, for ``clean(_:)`` to emit.
    static func styled(_ text: String, _ code: String) -> String {
        var out = String.UnicodeScalarView()
        out.append(contentsOf: marker)
        out.append(contentsOf: code.unicodeScalars)
        out.append("m")
        out.append(contentsOf: text.unicodeScalars)
        out.append(contentsOf: marker)
        out.append(contentsOf: "0m".unicodeScalars)
        return String(out)
    }

    /// Whether a scalar must be made visible.
    static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// How an unsafe scalar is shown.
    static func visibleForm(_ s: Unicode.Scalar) -> String {
        switch s.value {
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0x00..<0x20: return "^" + String(UnicodeScalar(UInt8(s.value + 0x40)))
        case 0x7F: return "^?"
        default: return "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
        }
    }

    /// Whether every byte of `text` is printable ASCII (space to `~`): such text is shown as it
    /// is, holds no colour marker and takes one cell a byte. Most names, fields and lines are, so
    /// the helpers below answer them from one pass over the bytes instead of walking scalars.
    @inline(__always)
    static func isPlainASCII(_ text: some StringProtocol) -> Bool {
        if let plain = text.utf8.withContiguousStorageIfAvailable({ bytes in bytes.allSatisfy { $0 &- 0x20 < 0x5F } }) { return plain }
        return text.utf8.allSatisfy { $0 &- 0x20 < 0x5F }
    }

    /// `text` with every control character, C1 control and bidi override made visible. For data.
    static func visible(_ text: some StringProtocol) -> String {
        if isPlainASCII(text) { return String(text) }
        guard text.unicodeScalars.contains(where: isUnsafe) else { return String(text) }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if isUnsafe(s) { out.append(contentsOf: visibleForm(s).unicodeScalars) } else { out.append(s) }
        }
        return String(out)
    }

    /// `text` ready for the terminal: like ``visible(_:)`` (line breaks included: one printed text
    /// is one line), with the tool's colour markers turned into escape sequences. Only the output
    /// writer calls this.
    static func clean(_ text: some StringProtocol) -> String {
        // Most lines hold neither: looked at in place, copied only when something is to be replaced.
        if isPlainASCII(text) { return String(text) }
        let first = marker[0]
        guard text.unicodeScalars.contains(where: { isUnsafe($0) || $0 == first }) else { return String(text) }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if let (code, end) = style(scalars, at: i) {
                out.append("\u{1B}")
                out.append("[")
                out.append(contentsOf: code.unicodeScalars)
                out.append("m")
                i = end
                continue
            }
            let s = scalars[i]
            if isUnsafe(s) { out.append(contentsOf: visibleForm(s).unicodeScalars) } else { out.append(s) }
            i += 1
        }
        return String(out)
    }

    /// The SGR code of a colour marker at `i` and the index after it, or `nil`.
    private static func style(_ scalars: [Unicode.Scalar], at i: Int) -> (String, Int)? {
        guard scalars[i] == marker[0], i + marker.count < scalars.count, Array(scalars[i..<(i + marker.count)]) == marker else { return nil }
        var j = i + marker.count
        var code = ""
        while j < scalars.count, ("0"..."9").contains(scalars[j]) || scalars[j] == ";" {
            code.unicodeScalars.append(scalars[j])
            j += 1
        }
        guard j < scalars.count, scalars[j] == "m" else { return nil }
        return (code, j + 1)
    }

    /// `text` without the tool's colour markers.
    static func withoutStyle(_ text: some StringProtocol) -> String {
        if isPlainASCII(text) { return String(text) }
        guard text.unicodeScalars.contains(marker[0]) else { return String(text) }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if let (_, end) = style(scalars, at: i) { i = end; continue }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }

    /// The terminal cells `text` takes once made visible (colours take none).
    static func width(_ text: some StringProtocol) -> Int {
        if isPlainASCII(text) { return text.utf8.count }
        return DisplayWidth.width(of: visible(withoutStyle(text)))
    }

    /// `text` made visible and cut to at most `width` cells, with `…` when cut. Never cuts a
    /// grapheme cluster (an emoji with its modifiers, a letter with its accents) or a made-visible
    /// control character in two.
    static func clip(_ text: some StringProtocol, to width: Int) -> String {
        guard width > 0 else { return "" }
        // Printable ASCII: one character, one byte, one cell (what the walk below gives).
        if isPlainASCII(text) {
            return text.utf8.count <= width ? String(text) : String(text.prefix(width - 1)) + "…"
        }
        let shown = visible(text)
        if DisplayWidth.width(of: shown) <= width { return shown }
        var out = ""
        var used = 0
        for c in text {  // by the original clusters, so an escape's visible form stays whole
            let piece = visible(String(c))
            let w = DisplayWidth.width(of: piece)
            if used + w > width - 1 { break }
            out += piece
            used += w
        }
        return out + "…"
    }

    /// `text` followed by spaces up to `width` cells (unchanged when already as wide).
    static func pad(_ text: String, to width: Int) -> String {
        let w = self.width(text)
        return w >= width ? text : text + String(repeating: " ", count: width - w)
    }
}
