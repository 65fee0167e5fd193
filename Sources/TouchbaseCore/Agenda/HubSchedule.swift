/// A hub's recurring sessions, read from its free-text schedule: "every Tuesday 12:00",
/// "second Thursday, 18:30", "first Monday of the month", "first and third Wednesday at 6pm".
///
/// Only what is read with certainty becomes a schedule; anything else (`"every other week"`,
/// `"see the website"`) does not parse, and the text stays as written.
public struct HubSchedule: Hashable, Sendable {
    /// How the sessions repeat.
    public enum Pattern: Hashable, Sendable {
        /// Every week on a weekday (0 = Sunday … 6 = Saturday).
        case weekly(weekday: Int)
        /// In every month, on the given occurrences of a weekday (1 = first … 4 = fourth, −1 = last).
        case monthly(ordinals: [Int], weekday: Int)
    }

    /// How the sessions repeat.
    public var pattern: Pattern
    /// The local start time, `HH:MM`, when the schedule gives one.
    public var time: String?

    /// Creates a schedule.
    public init(pattern: Pattern, time: String? = nil) {
        self.pattern = pattern
        self.time = time
    }

    static let weekdays: [String: Int] = [
        "sunday": 0, "sun": 0, "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
        "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6,
    ]
    static let ordinals: [String: Int] = [
        "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1,
    ]
    static let filler: Set<String> = ["every", "each", "on", "of", "the", "month", "monthly", "week", "weekly", "at", "and", "&", "a", "in", "from"]

    /// Parses a schedule; `nil` when any part of it is not understood.
    public static func parse(_ text: String) -> HubSchedule? {
        var words: [String] = []
        var current = ""
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber || ch == ":" || ch == "." || ch == "&" {
                current.append(ch)
            } else {
                if !current.isEmpty { words.append(current) }
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        var weekday: Int?
        var nth: [Int] = []
        var time: String?
        var index = 0
        while index < words.count {
            var w = words[index]
            index += 1
            if w.hasSuffix(".") { w.removeLast() }
            if filler.contains(w) { continue }
            let singular = w.hasSuffix("s") && weekdays[String(w.dropLast())] != nil ? String(w.dropLast()) : w
            if let d = weekdays[singular] {
                guard weekday == nil || weekday == d else { return nil }
                weekday = d
                continue
            }
            if let n = ordinals[w] {
                nth.append(n)
                continue
            }
            // A time, possibly followed by am/pm as its own word.
            var candidate = w
            if index < words.count, ["am", "pm", "a.m.", "p.m.", "h"].contains(words[index]) {
                candidate += words[index]
                index += 1
            }
            guard time == nil, let t = parseTime(candidate) else { return nil }
            time = t
        }
        guard let day = weekday else { return nil }
        if nth.isEmpty { return HubSchedule(pattern: .weekly(weekday: day), time: time) }
        var unique: [Int] = []
        for n in nth where !unique.contains(n) { unique.append(n) }
        return HubSchedule(pattern: .monthly(ordinals: unique, weekday: day), time: time)
    }

    /// `18:30`, `18.30`, `18h30`, `6pm`, `6:30pm`, `noon` as `HH:MM`; `nil` otherwise.
    static func parseTime(_ text: String) -> String? {
        if text == "noon" { return "12:00" }
        var s = String(text.map { $0 == "." || $0 == "h" ? ":" : $0 })
        var offset: Int?
        for (suffix, add) in [("a:m:", 0), ("p:m:", 12), ("am", 0), ("pm", 12)] where s.hasSuffix(suffix) {
            s.removeLast(suffix.count)
            offset = add
            break
        }
        var marked = false  // `17h`, `17.`: an hour with its mark
        if s.hasSuffix(":") { s.removeLast(); marked = true }
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        func digits(_ p: Substring) -> Bool { !p.isEmpty && p.count <= 2 && p.allSatisfy { $0 >= "0" && $0 <= "9" } }
        guard (1...2).contains(parts.count), parts.allSatisfy(digits), var hour = Int(parts[0]) else { return nil }
        let minute = parts.count == 2 ? Int(parts[1]) ?? 99 : 0
        if parts.count == 1 && offset == nil && !marked { return nil }  // a bare number is not a time
        if let offset {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + offset
        }
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    /// The weekday of a dated day (0 = Sunday … 6 = Saturday); `nil` without a year.
    public static func weekday(of date: CalendarDate) -> Int? {
        guard let n = date.dayNumber else { return nil }
        return ((n % 7) + 7 + 4) % 7  // 1970-01-01 was a Thursday
    }

    /// The days of the sessions from `from` through `through` (both dated), in order.
    public func sessions(from: CalendarDate, through: CalendarDate) -> [CalendarDate] {
        guard let start = from.dayNumber, let end = through.dayNumber, start <= end else { return [] }
        var out: [CalendarDate] = []
        for n in start...min(end, start + 3660) {
            let day = CalendarDate(dayNumber: n)
            guard let wd = HubSchedule.weekday(of: day) else { continue }
            switch pattern {
            case .weekly(let weekday):
                if wd == weekday { out.append(day) }
            case .monthly(let ordinals, let weekday):
                guard wd == weekday else { continue }
                let nth = (day.day - 1) / 7 + 1
                let isLast = day.day + 7 > CalendarDate.daysIn(month: day.month, year: day.year)
                if ordinals.contains(nth) || (isLast && ordinals.contains(-1)) { out.append(day) }
            }
        }
        return out
    }
}
