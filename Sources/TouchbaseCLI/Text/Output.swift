import Foundation

/// The output writer for text meant for a human: every `print` of this module lands here (it
/// shadows the standard library's), so every command, old or new, has its text cleaned by
/// ``TerminalText/clean(_:)``: control characters, escape sequences and bidi overrides from names,
/// fields, device names and file names are shown, not obeyed, and a line break inside a printed
/// string cannot forge a line. Several lines go as a ``TextBlock``. `--json` output does not come
/// here (``JSONOutput``): JSON escaping alone keeps it exact.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Swift.print(Output.clean(items, separator: separator), terminator: terminator)
}

/// The writer's parts, also used for standard error.
enum Output {
    /// The items as one cleaned text; ``TextBlock`` items keep their line breaks.
    static func clean(_ items: [Any], separator: String = " ") -> String {
        items.map { item -> String in
            if let block = item as? TextBlock { return block.lines.map(TerminalText.clean).joined(separator: "\n") }
            return TerminalText.clean(String(describing: item))
        }.joined(separator: separator)
    }

    /// Writes cleaned lines to standard error; each element of `lines` is one line.
    static func warn(_ lines: [String]) {
        let text = lines.map { TerminalText.clean($0) + "\n" }.joined()
        FileHandle.standardError.write(Data(text.utf8))
    }
}
