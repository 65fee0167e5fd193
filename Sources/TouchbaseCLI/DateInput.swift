import ArgumentParser
import TouchbaseCore

/// Dates typed by the user: `2026-03-12`, `--03-12` (no year), `today`, `tomorrow`, `yesterday`,
/// `+3` / `+3d` / `+2w` (days or weeks from today), `-1d`.
public enum DateInput {
    /// Parses a date relative to `today`.
    ///
    /// - throws: `ValidationError` naming the accepted forms.
    public static func parse(_ text: String, today: CalendarDate, allowYearless: Bool = false) throws -> CalendarDate {
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
            if let n = Int(body), n <= 3650 { return today.adding(days: (first == "-" ? -n : n) * unit) }
        }
        if let d = CalendarDate(s), allowYearless || d.year != nil { return d }
        throw ValidationError("malformed date \"\(text)\": use YYYY-MM-DD\(allowYearless ? ", --MM-DD" : ""), today, tomorrow, yesterday, or +N days (+3d, +2w)")
    }
}

import Foundation
