import TouchbaseCore

/// Date formats found in contact exports, parsed into `CalendarDate`.
enum InteropDates {
    /// What a date cell held.
    enum Parsed: Equatable {
        /// A date.
        case date(CalendarDate)
        /// An explicit "no date" placeholder (Outlook's `0/0/00`).
        case none
        /// Text that is not a date this parser accepts, with a reason.
        case invalid(String)
    }

    /// How to read `d/d/yyyy` dates.
    enum SlashOrder {
        /// Month first (US); a first number above 12 is taken as the day instead.
        case monthFirst
        /// Only when the order cannot be mistaken: one of the two numbers is above 12, or both
        /// are equal. `03/12/2024` is refused as ambiguous.
        case unambiguousOnly
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// A CSV cell's date, or `nil`; an unreadable one adds a warning naming the column.
    static func cell(_ text: String?, slashOrder: SlashOrder, column: String, line: Int, result: inout ImportResult) -> CalendarDate? {
        guard let text else { return nil }
        switch parse(text, slashOrder: slashOrder) {
        case .date(let date): return date
        case .none: return nil
        case .invalid(let why):
            result.warnings.append(.init(line: line, message: "\(column): \(why); left out"))
            return nil
        }
    }

    /// Parses ISO (`1985-04-12`, `19850412`, `--04-12`, `--0412`, with any `T…` time part
    /// dropped), `12 Mar 2024` / `12-Mar-2024` / `Mar 12, 2024` with English month names, and
    /// `d/d/yyyy` in the given order.
    static func parse(_ text: String, slashOrder: SlashOrder) -> Parsed {
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty { return .none }
        var iso = Substring(trimmed)
        if let t = iso.firstIndex(where: { $0 == "T" || $0 == "t" }), iso.distance(from: iso.startIndex, to: t) >= 6 {
            iso = iso[..<t]
        }
        if let date = CalendarDate(String(iso)) { return .date(date) }
        if trimmed.contains("/") { return slash(trimmed, order: slashOrder) }
        if let date = named(trimmed) { return .date(date) }
        return .invalid("\"\(trimmed)\" is not a date in a known form (e.g. 2024-03-12, 12 Mar 2024)")
    }

    /// `12 Mar 2024`, `12-Mar-2024`, `12 March 2024`, `Mar 12, 2024`, `March 12 2024`.
    private static func named(_ text: String) -> CalendarDate? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "," || $0 == "." })
        guard parts.count == 3 else { return nil }
        func month(_ s: Substring) -> Int? {
            let key = s.lowercased()
            guard key.count >= 3, let i = months.firstIndex(of: String(key.prefix(3))) else { return nil }
            let full = ["january", "february", "march", "april", "may", "june", "july", "august",
                        "september", "october", "november", "december"][i]
            return full.hasPrefix(key) || key == "sept" ? i + 1 : nil
        }
        guard let year = Int(parts[2]), parts[2].count == 4 else { return nil }
        if let m = month(parts[1]), let d = Int(parts[0]) { return CalendarDate(year: year, month: m, day: d) }
        if let m = month(parts[0]), let d = Int(parts[1]) { return CalendarDate(year: year, month: m, day: d) }
        return nil
    }

    /// `a/b/yyyy` (also `a/b/yy` when all zero, the Outlook "none" marker).
    private static func slash(_ text: String, order: SlashOrder) -> Parsed {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, let a = Int(parts[0]), let b = Int(parts[1]), let y = Int(parts[2]) else {
            return .invalid("\"\(text)\" is not a date in a known form")
        }
        if a == 0 && b == 0 { return .none }
        guard parts[2].count == 4 else {
            return .invalid("\"\(text)\" has a two-digit year; the century is unknown")
        }
        let month: Int, day: Int
        switch order {
        case .monthFirst:
            (month, day) = a > 12 && b <= 12 ? (b, a) : (a, b)
        case .unambiguousOnly:
            if a == b || b > 12 {
                (month, day) = (a, b)
            } else if a > 12 {
                (month, day) = (b, a)
            } else {
                return .invalid("\"\(text)\" is ambiguous (month/day or day/month?); use 2024-03-12")
            }
        }
        guard let date = CalendarDate(year: y, month: month, day: day) else {
            return .invalid("\"\(text)\" is not a valid date")
        }
        return .date(date)
    }
}
