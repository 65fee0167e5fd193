import Foundation

/// One target of the issue's table, as the line scripts read after the table:
///
///     TARGET <name> value=<number><unit> target=<op><number><unit> ok|short
///
/// Every target is a ratio to a baseline measured in the same run (unit `x`), except the few the
/// product keeps as absolute figures (quiet sync in ms, change file bytes per update). A bench
/// attaches its targets to its ``ResultLine`` (``ResultLine/targets``); the harness prints them all.
struct Target: Codable, Sendable {
    /// How the value must compare with the limit.
    enum Comparison: String, Codable, Sendable {
        case atLeast = ">="
        case atMost = "<="
        case equal = "="
    }

    /// Short stable name, no spaces (`remote-apply`, `cli-today`, …).
    var name: String
    var value: Double
    /// Unit of value and limit, no spaces (`x` for a ratio, `ms`, `B/update`).
    var unit: String
    var comparison: Comparison
    var limit: Double

    /// Whether the value meets the limit.
    var ok: Bool {
        guard value.isFinite else { return false }
        switch comparison {
        case .atLeast: return value >= limit
        case .atMost: return value <= limit
        case .equal: return value == limit
        }
    }

    /// The `TARGET …` line.
    var line: String {
        "TARGET \(name) value=\(Target.number(value))\(unit) target=\(comparison.rawValue)\(Target.number(limit))\(unit) \(ok ? "ok" : "short")"
    }

    /// A ratio to the same run's baseline that must be at least `limit` (a rate: measured ÷ baseline).
    static func ratio(_ name: String, _ value: Double, atLeast limit: Double) -> Target {
        Target(name: name, value: value, unit: "x", comparison: .atLeast, limit: limit)
    }

    /// A ratio to the same run's baseline that must be at most `limit` (a cost: measured ÷ baseline).
    static func ratio(_ name: String, _ value: Double, atMost limit: Double) -> Target {
        Target(name: name, value: value, unit: "x", comparison: .atMost, limit: limit)
    }

    /// A plain number: no thousands separators, at most 3 decimals, trailing zeros dropped.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "nan" }
        var s = String(format: abs(x) >= 100 ? "%.1f" : "%.3f", x)
        while s.contains("."), s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// Prints the target lines of `lines`, in order.
    static func printAll(_ lines: [ResultLine]) {
        let targets = lines.flatMap(\.targets)
        guard !targets.isEmpty else { return }
        print("")
        targets.forEach { print($0.line) }
    }
}
