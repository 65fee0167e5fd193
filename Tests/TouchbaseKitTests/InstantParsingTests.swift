import Foundation
import Testing
@testable import TouchbaseKit

/// `TOUCHBASE_NOW` and other instants accept the common ISO 8601 forms.
@Suite struct InstantParsingTests {
    static let paris = TimeZone(identifier: "Europe/Paris")!
    /// 2026-03-02T08:30:00Z in milliseconds.
    static let utc830: UInt64 = 1_772_440_200_000

    @Test func withOrWithoutSecondsAndZones() throws {
        #expect(try DateParser.instant("2026-03-02T08:30:00Z") == Self.utc830)
        #expect(try DateParser.instant("2026-03-02T08:30Z") == Self.utc830)
        #expect(try DateParser.instant("2026-03-02T08:30:00.250Z") == Self.utc830 + 250)
        #expect(try DateParser.instant("2026-03-02T09:30+01:00") == Self.utc830)
        #expect(try DateParser.instant("2026-03-02T09:30:00+0100") == Self.utc830)
        #expect(try DateParser.instant("2026-03-02T03:30-05") == Self.utc830)
        #expect(try DateParser.instant("2026-03-02 08:30", timeZone: TimeZone(identifier: "UTC")!) == Self.utc830)
    }

    @Test func noZoneIsLocalTimeSummerTimeIncluded() throws {
        #expect(try DateParser.instant("2026-03-02T09:30", timeZone: Self.paris) == Self.utc830)
        #expect(try DateParser.instant("2026-03-02T09:30:00", timeZone: Self.paris) == Self.utc830)
        // In July Paris is two hours ahead.
        let july = try DateParser.instant("2026-07-01T10:00", timeZone: Self.paris)
        #expect(july == (try DateParser.instant("2026-07-01T08:00Z")))
        // A day alone: nine in the morning, local time.
        #expect(try DateParser.instant("2026-03-02", timeZone: Self.paris) == (try DateParser.instant("2026-03-02T08:00Z")))
    }

    @Test func otherTextIsRefused() {
        for bad in ["", "bad", "2026-03-02T8:30", "2026-03-02T08", "2026-13-02T08:30", "2026-03-02T24:00", "2026-03-02T08:30+25:00",
                    "2026-03-02T08:30:00Zjunk", "--03-02", "2026-03-02T08:30:00."] {
            #expect(throws: WorkspaceError.self, "\(bad)") { try DateParser.instant(bad) }
        }
    }
}
