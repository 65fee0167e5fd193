/// One parsed vCard content line: `[group.]NAME;PARAM=value,…:value`.
struct VCardProperty: Hashable, Sendable {
    /// The group prefix (`item1` in `item1.URL`), lowercased; `nil` when absent.
    var group: String?
    /// The property name, uppercased (`EMAIL`, `X-ABLABEL`).
    var name: String
    /// Parameters by uppercased name, values unquoted and `^`-decoded (RFC 6868). A vCard 2.1
    /// bare parameter such as `;WORK` is filed under `TYPE`.
    var parameters: [String: [String]]
    /// The raw value, still escaped (and still quoted-printable if so encoded).
    var rawValue: String
    /// The 1-based physical line where the property starts.
    var line: Int

    /// All `TYPE` values, lowercased and split on commas.
    var types: Set<String> {
        Set((parameters["TYPE"] ?? []).flatMap { $0.lowercased().split(separator: ",").map(String.init) })
    }

    /// The first value of parameter `name` (uppercase), if present.
    func parameter(_ name: String) -> String? {
        parameters[name]?.first
    }

    /// Parses a logical line; `nil` when it has no `:` separating name and value, or no name.
    init?(_ logical: VCardLine) {
        let scalars = Array(logical.text.unicodeScalars)
        var inQuotes = false
        var segments: [String] = []
        var current = String.UnicodeScalarView()
        var valueStart: Int?
        for (i, s) in scalars.enumerated() {
            if s == "\"" {
                inQuotes.toggle()
                current.append(s)
            } else if !inQuotes && s == ":" {
                valueStart = i + 1
                break
            } else if !inQuotes && s == ";" {
                segments.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(s)
            }
        }
        guard let valueStart else { return nil }
        segments.append(String(current))
        var head = segments.removeFirst().trimmingWhitespace()
        if let dot = head.lastIndex(of: ".") {
            group = String(head[..<dot]).lowercased()
            head = String(head[head.index(after: dot)...])
        } else {
            group = nil
        }
        guard !head.isEmpty else { return nil }
        name = head.uppercased()
        var params: [String: [String]] = [:]
        for segment in segments {
            let (key, values) = VCardProperty.parameter(segment)
            guard !key.isEmpty else { continue }
            params[key, default: []] += values
        }
        parameters = params
        rawValue = String(String.UnicodeScalarView(scalars[valueStart...]))
        line = logical.line
    }

    /// Splits `NAME=v1,"v,2"` into the uppercased name and its values; `WORK` → `TYPE`, `[WORK]`.
    private static func parameter(_ segment: String) -> (String, [String]) {
        guard let eq = segment.firstIndex(of: "=") else {
            let bare = segment.trimmingWhitespace()
            let upper = bare.uppercased()
            if ["QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B"].contains(upper) { return ("ENCODING", [bare]) }
            return bare.isEmpty ? ("", []) : ("TYPE", [bare])
        }
        let key = segment[..<eq].trimmingWhitespace().uppercased()
        var values: [String] = []
        var current = ""
        var inQuotes = false
        for ch in segment[segment.index(after: eq)...] {
            if ch == "\"" {
                inQuotes.toggle()
            } else if ch == "," && !inQuotes {
                values.append(caretDecoded(current))
                current = ""
            } else {
                current.append(ch)
            }
        }
        values.append(caretDecoded(current))
        return (key, values)
    }

    /// RFC 6868 parameter value decoding: `^n` newline, `^'` double quote, `^^` caret.
    private static func caretDecoded(_ text: String) -> String {
        guard text.contains("^") else { return text }
        var out = ""
        var pending = false
        for ch in text {
            if pending {
                switch ch {
                case "n", "N": out.append("\n")
                case "'": out.append("\"")
                case "^": out.append("^")
                default: out.append("^"); out.append(ch)
                }
                pending = false
            } else if ch == "^" {
                pending = true
            } else {
                out.append(ch)
            }
        }
        if pending { out.append("^") }
        return out
    }
}
