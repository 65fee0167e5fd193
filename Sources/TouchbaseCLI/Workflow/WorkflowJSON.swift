import Foundation

/// A fast JSON writer for the workflow listings, in the same layout as ``JSONOutput`` (pretty
/// printed, keys sorted, slashes unescaped). `JSONSerialization` bridges every value through
/// `NSDictionary` on Linux, which takes a second on a plan of 10,000 items; this takes a few
/// milliseconds.
enum WorkflowJSON {
    /// Prints a JSON value (dictionaries, arrays, strings, integers, doubles, bools, `NSNull`).
    static func print(_ object: Any) {
        var out = ""
        out.reserveCapacity(4096)
        write(object, indent: 0, into: &out)
        out += "\n"
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// Renders a JSON value as text.
    static func render(_ object: Any) -> String {
        var out = ""
        write(object, indent: 0, into: &out)
        return out
    }

    private static func write(_ value: Any, indent: Int, into out: inout String) {
        switch value {
        case let s as String: string(s, into: &out)
        case let b as Bool: out += b ? "true" : "false"
        case let i as Int: out += String(i)
        case let i as Int64: out += String(i)
        case let d as Double: out += d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : "\(d)") : "null"
        case is NSNull: out += "null"
        case let a as [Any]:
            let pad = String(repeating: " ", count: indent + 2)
            if a.isEmpty { out += "[\n\n" + String(repeating: " ", count: indent) + "]"; return }
            out += "[\n"
            for (n, element) in a.enumerated() {
                out += pad
                write(element, indent: indent + 2, into: &out)
                out += n == a.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case let o as [String: Any]:
            let pad = String(repeating: " ", count: indent + 2)
            if o.isEmpty { out += "{\n\n" + String(repeating: " ", count: indent) + "}"; return }
            out += "{\n"
            let keys = o.keys.sorted { a, b in
                let la = a.lowercased(), lb = b.lowercased()
                return la != lb ? la < lb : a < b
            }
            for (n, key) in keys.enumerated() {
                out += pad
                string(key, into: &out)
                out += " : "
                write(o[key]!, indent: indent + 2, into: &out)
                out += n == keys.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        default:
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional {
                if let inner = mirror.children.first?.value { write(inner, indent: indent, into: &out) } else { out += "null" }
            } else {
                string(String(describing: value), into: &out)
            }
        }
    }

    private static func string(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
