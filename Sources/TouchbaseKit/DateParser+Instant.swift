import Foundation

extension DateParser {
    /// An instant written in a common ISO 8601 form, in milliseconds since 1970:
    /// `2026-03-02T08:30`, `2026-03-02T08:30:15`, `2026-03-02 08:30` (with or without seconds and
    /// fractions), with a zone (`Z`, `+01:00`, `+0100`, `+01`) or without one (local time in
    /// `timeZone`), or a day alone (`2026-03-02`, nine in the morning local time).
    ///
    /// - throws: ``WorkspaceError`` `.malformed` (field `instant`) when it is none of the forms.
    public static func instant(_ text: String, timeZone: TimeZone = .current) throws -> UInt64 {
        let malformed = WorkspaceError(.malformed, field: "instant", detail: "YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM]")
        let s = text.trimmingCharacters(in: .whitespaces)
        if let day = CalendarDate(s), day.year != nil, let n = day.dayNumber {
            return try milliseconds(localSeconds: n * 86_400 + 9 * 3600, zone: timeZone, malformed)
        }
        let scalars = Array(s.unicodeScalars)
        guard scalars.count >= 16, scalars[10] == "T" || scalars[10] == "t" || scalars[10] == " ",
              let day = CalendarDate(String(s.prefix(10))), day.year != nil, let dayNumber = day.dayNumber else { throw malformed }
        var rest = Substring(String(String.UnicodeScalarView(scalars[11...])))
        func number(_ count: Int) -> Int? {
            let digits = rest.prefix(count)
            guard digits.count == count, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            rest = rest.dropFirst(count)
            return Int(digits)
        }
        guard let hour = number(2), rest.first == ":" else { throw malformed }
        rest = rest.dropFirst()
        guard let minute = number(2), hour < 24, minute < 60 else { throw malformed }
        var second = 0
        var millis = 0
        if rest.first == ":" {
            rest = rest.dropFirst()
            guard let s = number(2), s < 60 else { throw malformed }
            second = s
            if rest.first == "." || rest.first == "," {
                rest = rest.dropFirst()
                let fraction = rest.prefix { $0.isASCII && $0.isNumber }
                guard !fraction.isEmpty else { throw malformed }
                rest = rest.dropFirst(fraction.count)
                millis = Int((fraction + "000").prefix(3))!
            }
        }
        let clock = dayNumber * 86_400 + hour * 3600 + minute * 60 + second
        if rest.isEmpty { return try milliseconds(localSeconds: clock, zone: timeZone, malformed) + UInt64(millis) }
        if rest == "Z" || rest == "z" { return try utc(clock, malformed) + UInt64(millis) }
        guard let sign = rest.first, sign == "+" || sign == "-" else { throw malformed }
        rest = rest.dropFirst()
        guard let zoneHours = number(2), zoneHours <= 14 else { throw malformed }
        if rest.first == ":" { rest = rest.dropFirst() }
        let zoneMinutes = rest.isEmpty ? 0 : (number(2) ?? 99)
        guard rest.isEmpty, zoneMinutes < 60 else { throw malformed }
        let offset = (zoneHours * 3600 + zoneMinutes * 60) * (sign == "-" ? -1 : 1)
        return try utc(clock - offset, malformed) + UInt64(millis)
    }

    /// Seconds of a local wall clock in `zone` as milliseconds since 1970 (the zone's offset at that
    /// moment, summer time included).
    private static func milliseconds(localSeconds: Int, zone: TimeZone, _ malformed: WorkspaceError) throws -> UInt64 {
        let guess = Date(timeIntervalSince1970: TimeInterval(localSeconds))
        var offset = zone.secondsFromGMT(for: guess)
        offset = zone.secondsFromGMT(for: guess.addingTimeInterval(TimeInterval(-offset)))
        return try utc(localSeconds - offset, malformed)
    }

    private static func utc(_ seconds: Int, _ malformed: WorkspaceError) throws -> UInt64 {
        guard seconds >= 0 else { throw malformed }
        return UInt64(seconds) * 1000
    }
}
