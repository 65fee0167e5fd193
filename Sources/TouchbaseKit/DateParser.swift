import Foundation

/// Dates and times as a person types them, turned into typed values.
///
/// Dates: `2026-03-12`, `--03-12` (no year, where allowed), `today`, `tomorrow`, `yesterday`,
/// `+3` / `+3d` / `+2w` (days or weeks from today), `-1d`. Times: `HH:MM`, 24 hours (`9:30` is
/// read as `09:30`).
public enum DateParser {
    /// The furthest a relative date may reach, in units (days or weeks) from today.
    public static let relativeLimit = 3650

    /// The day `text` names, relative to `today`.
    ///
    /// - parameters:
    ///   - text: what the user typed (a date, or a day relative to today).
    ///   - today: the day relative dates count from.
    ///   - allowYearless: whether a day without a year (`--03-12`, a birthday) is accepted.
    /// - throws: ``WorkspaceError`` `.malformed` (field `date`) when it is none of the forms.
    public static func date(_ text: String, today: CalendarDate, allowYearless: Bool = false) throws -> CalendarDate {
        let s = text.trimmingCharacters(in: .whitespaces).lowercased()
        switch s {
        case "today": return today
        case "tomorrow": return today.adding(days: 1)
        case "yesterday": return today.adding(days: -1)
        default: break
        }
        if let first = s.first, first == "+" || first == "-", !s.hasPrefix("--") {
            var body = s.dropFirst()
            var unit = 1
            if body.hasSuffix("d") { body = body.dropLast() } else if body.hasSuffix("w") { body = body.dropLast(); unit = 7 }
            if let n = Int(body), n <= relativeLimit { return today.adding(days: (first == "-" ? -n : n) * unit) }
        }
        if let d = CalendarDate(s), allowYearless || d.year != nil { return d }
        throw WorkspaceError(.malformed, field: "date", detail: allowYearless ? "YYYY-MM-DD, a day without a year, or relative" : "YYYY-MM-DD or relative")
    }

    /// A time of day, as `HH:MM`.
    ///
    /// - throws: ``WorkspaceError`` `.malformed` (field `time`).
    public static func time(_ text: String) throws -> String {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), parts[1].count == 2,
              (0...23).contains(h), (0...59).contains(m) else {
            throw WorkspaceError(.malformed, field: "time", detail: "HH:MM")
        }
        return (h < 10 ? "0\(h)" : "\(h)") + ":" + parts[1]
    }
}
