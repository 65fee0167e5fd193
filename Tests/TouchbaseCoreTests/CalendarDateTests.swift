import Testing
import TouchbaseCore

@Suite struct CalendarDateTests {
    static func date(_ y: Int?, _ m: Int, _ d: Int) -> CalendarDate { CalendarDate(year: y, month: m, day: d)! }

    @Test("Accepted text forms", arguments: [
        ("2024-03-12", 2024 as Int?, 3, 12, "2024-03-12"),
        ("20240312", 2024, 3, 12, "2024-03-12"),
        ("--03-12", nil, 3, 12, "--03-12"),
        ("--0312", nil, 3, 12, "--03-12"),
        ("0001-01-01", 1, 1, 1, "0001-01-01"),
        ("9999-12-31", 9999, 12, 31, "9999-12-31"),
        ("2024-02-29", 2024, 2, 29, "2024-02-29"),
        ("2000-02-29", 2000, 2, 29, "2000-02-29"),
        ("--02-29", nil, 2, 29, "--02-29"),
    ])
    func parses(text: String, year: Int?, month: Int, day: Int, canonical: String) throws {
        let d = try #require(CalendarDate(text))
        #expect(d.year == year)
        #expect(d.month == month)
        #expect(d.day == day)
        #expect(d.description == canonical)
        #expect(CalendarDate(d.description) == d)
    }

    @Test("Rejected text", arguments: [
        "2023-02-29", "1900-02-29", "2100-02-29", "2024-02-30", "2024-04-31", "2024-06-31", "2024-09-31", "2024-11-31",
        "2024-13-01", "2024-00-10", "2024-01-00", "2024-01-32", "0000-01-01", "--13-01", "--02-30", "--00-01",
        "", "2024", "2024-3-12", "2024/03/12", "2024-03-12T10:00", " 2024-03-12", "2024-03-12 ", "+2024-03-12",
        "12-03-2024", "2024-03-1a", "２０２４-03-12", "--3-12", "---03-12", "2024_03_12", "24-03-12", "2024--03-12",
    ])
    func rejects(_ text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test func leapYears() {
        for (year, leap) in [(2024, true), (2023, false), (2000, true), (1900, false), (2100, false), (2400, true), (4, true), (1, false)] {
            #expect((CalendarDate(year: year, month: 2, day: 29) != nil) == leap, "year \(year)")
        }
        #expect(CalendarDate(year: nil, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 10_000, month: 1, day: 1) == nil)
        #expect(CalendarDate(year: 0, month: 1, day: 1) == nil)
        #expect(CalendarDate(year: -1, month: 1, day: 1) == nil)
    }

    @Test func descriptionPadsYear() {
        #expect(Self.date(5, 1, 2).description == "0005-01-02")
        #expect(Self.date(987, 11, 9).description == "0987-11-09")
        #expect(Self.date(nil, 7, 4).description == "--07-04")
    }

    @Test("Day numbers are days since 1970-01-01 (values from Python's datetime)", arguments: [
        (1970, 1, 1, 0), (1969, 12, 31, -1), (2000, 3, 1, 11017), (2024, 3, 12, 19794), (2026, 1, 5, 20458),
        (1, 1, 1, -719162), (9999, 12, 31, 2932896),
    ])
    func dayNumbers(y: Int, m: Int, d: Int, n: Int) {
        let date = Self.date(y, m, d)
        #expect(date.dayNumber == n)
        #expect(CalendarDate(dayNumber: n) == date)
    }

    @Test("Day numbers agree with a naive day-by-day walk from 1899 to 2101")
    func againstNaiveCalendar() {
        func daysIn(_ y: Int, _ m: Int) -> Int {
            if m == 2 { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28 }
            return [4, 6, 9, 11].contains(m) ? 30 : 31
        }
        var (y, m, d) = (1899, 1, 1)
        var n = Self.date(1899, 1, 1).dayNumber!
        while y < 2101 {
            let date = CalendarDate(dayNumber: n)
            if date.year != y || date.month != m || date.day != d || date.dayNumber != n {
                Issue.record("day \(n): got \(date), expected \(y)-\(m)-\(d)")
                return
            }
            d += 1
            if d > daysIn(y, m) { d = 1; m += 1 }
            if m > 12 { m = 1; y += 1 }
            n += 1
        }
    }

    @Test func fourHundredYearCycle() {
        for year in [1, 399, 1600, 1970, 2024, 9599] {
            #expect(Self.date(year + 400, 3, 1).dayNumber! - Self.date(year, 3, 1).dayNumber! == 146_097)
        }
    }

    @Test func addingDays() {
        #expect(Self.date(2024, 2, 28).adding(days: 1) == Self.date(2024, 2, 29))
        #expect(Self.date(2024, 2, 28).adding(days: 2) == Self.date(2024, 3, 1))
        #expect(Self.date(2023, 2, 28).adding(days: 1) == Self.date(2023, 3, 1))
        #expect(Self.date(2023, 12, 31).adding(days: 1) == Self.date(2024, 1, 1))
        #expect(Self.date(2024, 1, 1).adding(days: -1) == Self.date(2023, 12, 31))
        #expect(Self.date(2024, 3, 1).adding(days: -1) == Self.date(2024, 2, 29))
        #expect(Self.date(2024, 1, 31).adding(days: 30) == Self.date(2024, 3, 1))
        #expect(Self.date(2024, 5, 17).adding(days: 0) == Self.date(2024, 5, 17))
        #expect(Self.date(2024, 1, 1).adding(days: 366) == Self.date(2025, 1, 1))
        // A date without a year cannot move.
        #expect(Self.date(nil, 3, 12).adding(days: 5) == Self.date(nil, 3, 12))
    }

    @Test func daysUntil() {
        #expect(Self.date(2024, 1, 1).days(until: Self.date(2025, 1, 1)) == 366)
        #expect(Self.date(2025, 1, 1).days(until: Self.date(2024, 1, 1)) == -366)
        #expect(Self.date(2023, 3, 1).days(until: Self.date(2023, 2, 28)) == -1)
        #expect(Self.date(nil, 1, 1).days(until: Self.date(2024, 1, 1)) == nil)
        #expect(Self.date(2024, 1, 1).days(until: Self.date(nil, 1, 1)) == nil)
        #expect(Self.date(nil, 1, 1).dayNumber == nil)
    }

    @Test func ordering() {
        let sorted = [Self.date(nil, 1, 1), Self.date(nil, 12, 31), Self.date(1, 1, 1), Self.date(2023, 12, 31),
                      Self.date(2024, 1, 1), Self.date(2024, 1, 2), Self.date(2024, 2, 1)]
        #expect(sorted.shuffled().sorted() == sorted)
        #expect(!(Self.date(2024, 1, 1) < Self.date(2024, 1, 1)))
    }

    /// Every date that arithmetic produces must be one `init(year:month:day:)` accepts, or the
    /// change log could not encode it (a negative year trapped the codec; year 10000 was written
    /// but rejected by every reader). Arithmetic now stops at 0001-01-01 and 9999-12-31.
    @Test func arithmeticStaysInTheRepresentableRange() throws {
        let first = Self.date(1, 1, 1), last = Self.date(9999, 12, 31)
        #expect(last.adding(days: 1) == last)
        #expect(first.adding(days: -1) == first)
        #expect(Self.date(2024, 1, 1).adding(days: 5_000_000) == last)
        #expect(Self.date(2024, 1, 1).adding(days: -5_000_000) == first)
        #expect(Self.date(2024, 1, 1).adding(days: .max) == last)
        #expect(Self.date(2024, 1, 1).adding(days: .min) == first)
        #expect(CalendarDate(dayNumber: .max) == last)
        #expect(CalendarDate(dayNumber: .min) == first)
        for n in [-10_000_000, -719_163, 2_932_897, 10_000_000] {
            let d = CalendarDate(dayNumber: n)
            #expect(CalendarDate(year: d.year, month: d.month, day: d.day) == d, "\(n) → \(d)")
        }
    }
}
