import TouchbaseCore

/// Writes events as an iCalendar file (RFC 5545): CRLF line ends, content lines folded at 75
/// octets without splitting a UTF-8 sequence, text values escaped, a `DTSTAMP` on every event,
/// all-day events as dates and timed events in UTC.
public enum ICalendarWriter {
    /// The calendar's `PRODID`.
    public static let productID = "-//Touchbase//Touchbase agenda//EN"

    /// The calendar text of `events`, stamped `stampSeconds` (seconds since 1970, the export time).
    public static func write(_ events: [ICalendarEvent], name: String = "Touchbase", stampSeconds: Int64) -> String {
        var out = ""
        func line(_ s: String) { out += fold(s) + "\r\n" }
        line("BEGIN:VCALENDAR")
        line("VERSION:2.0")
        line("PRODID:" + productID)
        line("CALSCALE:GREGORIAN")
        line("METHOD:PUBLISH")
        line("X-WR-CALNAME:" + escape(name))
        let stamp = utc(stampSeconds)
        for e in events {
            line("BEGIN:VEVENT")
            line("UID:" + escape(e.uid))
            line("DTSTAMP:" + stamp)
            switch e.start {
            case .allDay(let day):
                line("DTSTART;VALUE=DATE:" + basic(day))
                line("DTEND;VALUE=DATE:" + basic(day.adding(days: 1)))
                line("TRANSP:TRANSPARENT")
            case .utc(let seconds):
                line("DTSTART:" + utc(seconds))
                line("DTEND:" + utc(seconds + Int64(max(1, e.minutes)) * 60))
            }
            if e.yearly { line("RRULE:FREQ=YEARLY") }
            line("SUMMARY:" + escape(e.summary))
            if let d = e.description, !d.isEmpty { line("DESCRIPTION:" + escape(d)) }
            if let l = e.location, !l.isEmpty { line("LOCATION:" + escape(l)) }
            if !e.categories.isEmpty { line("CATEGORIES:" + e.categories.map(escape).joined(separator: ",")) }
            line("END:VEVENT")
        }
        line("END:VCALENDAR")
        return out
    }

    /// A TEXT value escaped (RFC 5545 §3.3.11): backslash, semicolon, comma, line breaks as `\n`;
    /// other control characters dropped.
    public static func escape(_ text: String) -> String {
        var out = ""
        var lastWasCR = false
        for scalar in text.unicodeScalars {
            defer { lastWasCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !lastWasCR { out += "\\n" }
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A content line folded so that no line exceeds 75 octets (continuations start with a space,
    /// which counts), never inside a UTF-8 sequence.
    public static func fold(_ line: String) -> String {
        var out = ""
        var width = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if width + size > 75 {
                out += "\r\n "
                width = 1
            }
            out.unicodeScalars.append(scalar)
            width += size
        }
        return out
    }

    /// `YYYYMMDD`.
    static func basic(_ day: CalendarDate) -> String {
        day.description.replacingOccurrences(of: "-", with: "")
    }

    /// `YYYYMMDDTHHMMSSZ` of seconds since 1970.
    static func utc(_ seconds: Int64) -> String {
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let rest = Int(seconds - Int64(days) * 86_400)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return basic(CalendarDate(dayNumber: days)) + "T" + two(rest / 3600) + two(rest % 3600 / 60) + two(rest % 60) + "Z"
    }
}
