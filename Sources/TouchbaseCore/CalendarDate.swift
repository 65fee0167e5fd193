/// A day on the calendar, with or without a year: a birthday, a follow-up date, a meeting day.
///
/// Calendar dates are never instants: they carry no time of day and no time zone, so moving to
/// another time zone never moves a birthday. The text form is ISO 8601 (`2024-03-12`) or, for a
/// date without a year, the vCard form `--03-12`.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year, or `nil` for a recurring date such as a birthday whose year is unknown.
    public private(set) var year: Int?
    /// The month, 1 through 12.
    public private(set) var month: Int
    /// The day of the month, 1 through 31 (checked against the month and, where known, the year).
    public private(set) var day: Int

    /// Creates a date, returning `nil` when the day does not exist.
    public init?(year: Int?, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1 else { return nil }
        if let year, !(1...9999).contains(year) { return nil }
        guard day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, `YYYYMMDD`, `--MM-DD` or `--MMDD`; `nil` for anything else.
    public init?(_ text: String) {
        let s = Array(text.utf8)
        func number(_ slice: ArraySlice<UInt8>) -> Int? {
            guard !slice.isEmpty, slice.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return slice.reduce(0) { $0 * 10 + Int($1 - 48) }
        }
        let dash = UInt8(ascii: "-")
        switch s.count {
        case 10 where s[4] == dash && s[7] == dash:
            guard let y = number(s[0..<4]), let m = number(s[5..<7]), let d = number(s[8..<10]) else { return nil }
            self.init(year: y, month: m, day: d)
        case 7 where s[0] == dash && s[1] == dash && s[4] == dash:
            guard let m = number(s[2..<4]), let d = number(s[5..<7]) else { return nil }
            self.init(year: nil, month: m, day: d)
        case 8:
            guard let y = number(s[0..<4]), let m = number(s[4..<6]), let d = number(s[6..<8]) else { return nil }
            self.init(year: y, month: m, day: d)
        case 6 where s[0] == dash && s[1] == dash:
            guard let m = number(s[2..<4]), let d = number(s[4..<6]) else { return nil }
            self.init(year: nil, month: m, day: d)
        default:
            return nil
        }
    }

    /// The canonical text form: `YYYY-MM-DD`, or `--MM-DD` without a year.
    public var description: String {
        // The usual case, a year of four digits, written as its ten bytes.
        if let year, (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) {
            return String(unsafeUninitializedCapacity: 10) { out in
                func put(_ value: Int, _ digits: Int, at start: Int) {
                    var v = value
                    for k in stride(from: start + digits - 1, through: start, by: -1) {
                        out[k] = UInt8(ascii: "0") + UInt8(v % 10)
                        v /= 10
                    }
                }
                put(year, 4, at: 0)
                out[4] = UInt8(ascii: "-")
                put(month, 2, at: 5)
                out[7] = UInt8(ascii: "-")
                put(day, 2, at: 8)
                return 10
            }
        }
        let mm = month < 10 ? "0\(month)" : "\(month)"
        let dd = day < 10 ? "0\(day)" : "\(day)"
        guard let year else { return "--\(mm)-\(dd)" }
        var yyyy = String(year)
        while yyyy.count < 4 { yyyy = "0" + yyyy }
        return "\(yyyy)-\(mm)-\(dd)"
    }

    /// Days since 1970-01-01 (proleptic Gregorian); `nil` for a date without a year.
    public var dayNumber: Int? {
        guard let year else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The first and last day numbers of the representable range, 0001-01-01 and 9999-12-31.
    static let dayNumbers = -719_162...2_932_896

    /// The date `dayNumber` days after 1970-01-01, clamped to 0001-01-01 … 9999-12-31 (the years
    /// `init(year:month:day:)` accepts and the change encoding can carry).
    public init(dayNumber: Int) {
        let z0 = min(max(dayNumber, CalendarDate.dayNumbers.lowerBound), CalendarDate.dayNumbers.upperBound)
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// This date moved by a number of days, stopping at 0001-01-01 and 9999-12-31; a date without a
    /// year cannot move and is returned as is.
    public func adding(days: Int) -> CalendarDate {
        guard let n = dayNumber else { return self }
        let (sum, overflow) = n.addingReportingOverflow(days)
        return CalendarDate(dayNumber: overflow ? (days < 0 ? .min : .max) : sum)
    }

    /// Whole days from `self` to `other` (positive when `other` is later); `nil` if either lacks a year.
    public func days(until other: CalendarDate) -> Int? {
        guard let a = dayNumber, let b = other.dayNumber else { return nil }
        return b - a
    }

    /// Dates without a year sort before dated ones; otherwise by year, month, day.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        ((lhs.year ?? Int.min), lhs.month, lhs.day) < ((rhs.year ?? Int.min), rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int?) -> Int {
        switch month {
        case 2:
            guard let y = year else { return 29 }
            return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
