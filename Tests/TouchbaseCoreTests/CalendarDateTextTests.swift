import Testing
import TouchbaseCore

/// `CalendarDate.description` writes a four-digit year's date as its ten bytes: the same text as
/// the general form, kept here as the oracle, for every kind of year.
@Suite struct CalendarDateTextTests {
    static func general(_ d: CalendarDate) -> String {
        let mm = d.month < 10 ? "0\(d.month)" : "\(d.month)"
        let dd = d.day < 10 ? "0\(d.day)" : "\(d.day)"
        guard let year = d.year else { return "--\(mm)-\(dd)" }
        var yyyy = String(year)
        while yyyy.count < 4 { yyyy = "0" + yyyy }
        return "\(yyyy)-\(mm)-\(dd)"
    }

    @Test func theTextIsTheGeneralForm() {
        var g = SystemRandomNumberGenerator()
        // Years 0 to 9999 and beyond, negative ones included, and every day of a few years.
        var days = Array(-800_000...(-790_000)) + Array(-720_000...(-715_000)) + Array(-5_000...25_000)
        days += (0..<20_000).map { _ in Int.random(in: -4_000_000...4_000_000, using: &g) }
        for n in days {
            let d = CalendarDate(dayNumber: n)
            #expect(d.description == Self.general(d), "day \(n)")
            #expect(CalendarDate(d.description) == d, "day \(n)")
        }
        for (month, day) in [(1, 1), (2, 29), (12, 31), (7, 4)] {
            let d = CalendarDate(year: nil, month: month, day: day)!
            #expect(d.description == Self.general(d))
        }
        #expect(CalendarDate(year: 7, month: 3, day: 9)!.description == "0007-03-09")
        #expect(CalendarDate(year: 2026, month: 11, day: 30)!.description == "2026-11-30")
    }
}
