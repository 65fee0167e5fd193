/// vCard value escaping (RFC 6350 §3.4), component splitting and line folding.
enum VCardText {
    /// `\n`/`\N` → line break, `\\` → `\`, and `\X` → `X` for any other character
    /// (`\,` `\;` `\:` written by various tools).
    static func unescape(_ text: some StringProtocol) -> String {
        guard text.contains("\\") else { return String(text) }
        var out = ""
        var pending = false
        for ch in text {
            if pending {
                out.append(ch == "n" || ch == "N" ? "\n" : ch)
                pending = false
            } else if ch == "\\" {
                pending = true
            } else {
                out.append(ch)
            }
        }
        if pending { out.append("\\") }
        return out
    }

    /// `text` split on `separator` where it is not escaped; pieces stay escaped.
    static func splitRaw(_ text: String, on separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var escaped = false
        for ch in text {
            if escaped {
                current.append(ch)
                escaped = false
            } else if ch == "\\" {
                current.append(ch)
                escaped = true
            } else if ch == separator {
                parts.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        parts.append(current)
        return parts
    }

    /// `text` split on unescaped `separator`, each piece unescaped.
    static func split(_ text: String, on separator: Character) -> [String] {
        splitRaw(text, on: separator).map(unescape)
    }

    /// Escapes a text value: `\` `,` `;` and line breaks (CRLF, CR or LF become `\n`).
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case ",": out += "\\,"
            case ";": out += "\\;"
            case "\r\n", "\n", "\r": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }

    /// `line` folded for output: at most 75 octets per physical line, continuation lines
    /// starting with one space, never splitting a UTF-8 sequence; lines joined by CRLF.
    static func fold(_ line: String, limit: Int = 75) -> String {
        var out = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = UTF8.width(scalar)
            if octets + size > limit {
                out += "\r\n "
                octets = 1
            }
            out.unicodeScalars.append(scalar)
            octets += size
        }
        return out
    }
}
