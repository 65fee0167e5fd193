import Foundation
import Testing
@testable import TouchbaseKit

/// Dates, relative dates, times and the allowed ranges of minutes, cadences and days.
@Suite struct WorkflowInputTests {
    let today = CalendarDate("2026-03-02")!

    func refusal(_ body: () throws -> Any) -> WorkspaceError? {
        do { _ = try body(); return nil } catch let e as WorkspaceError { return e } catch { return nil }
    }

    @Test func datesAbsoluteRelativeAndNamed() throws {
        #expect(try DateParser.date("2026-03-12", today: today).description == "2026-03-12")
        #expect(try DateParser.date(" Today ", today: today) == today)
        #expect(try DateParser.date("tomorrow", today: today).description == "2026-03-03")
        #expect(try DateParser.date("yesterday", today: today).description == "2026-03-01")
        #expect(try DateParser.date("+3", today: today).description == "2026-03-05")
        #expect(try DateParser.date("+3d", today: today).description == "2026-03-05")
        #expect(try DateParser.date("+2w", today: today).description == "2026-03-16")
        #expect(try DateParser.date("-1d", today: today).description == "2026-03-01")
        #expect(try DateParser.date("+3650", today: today) == today.adding(days: 3650))
    }

    @Test func yearlessOnlyWhereAllowed() throws {
        #expect(try DateParser.date("--03-12", today: today, allowYearless: true).description == "--03-12")
        let e = refusal { try DateParser.date("--03-12", today: today) }
        #expect(e?.code == .malformed && e?.field == "date")
    }

    @Test func malformedDatesAreRefusedWithACode() {
        for text in ["2026-13-40", "someday", "+3651", "+x", "", "3/12/2026"] {
            let e = refusal { try DateParser.date(text, today: today) }
            #expect(e?.code == .malformed, "\(text)")
            #expect(e?.field == "date")
        }
    }

    @Test func timesAreNormalisedAndChecked() throws {
        #expect(try DateParser.time("9:30") == "09:30")
        #expect(try DateParser.time(" 14:00 ") == "14:00")
        #expect(try DateParser.time("0:00") == "00:00")
        for text in ["24:00", "12:60", "12:5", "noon", "12", "12:00:00", ""] {
            let e = refusal { try DateParser.time(text) }
            #expect(e?.code == .malformed && e?.field == "time", "\(text)")
        }
    }

    @Test func minutesCadenceAndWindowRanges() throws {
        #expect(try WorkflowLimits.minutes(nil) == nil)
        #expect(try WorkflowLimits.minutes(0) == 0)
        #expect(try WorkflowLimits.minutes(1440) == 1440)
        #expect(refusal { try WorkflowLimits.minutes(-5) as Any }?.code == .outOfRange)
        #expect(refusal { try WorkflowLimits.minutes(1441) as Any }?.field == "minutes")

        #expect(try WorkflowLimits.cadence(parsing: "off") == nil)
        #expect(try WorkflowLimits.cadence(parsing: "NONE") == nil)
        #expect(try WorkflowLimits.cadence(parsing: "0") == nil)
        #expect(try WorkflowLimits.cadence(parsing: "1") == 1)
        #expect(try WorkflowLimits.cadence(parsing: "3650") == 3650)
        for text in ["3651", "-1", "weekly", ""] {
            let e = refusal { try WorkflowLimits.cadence(parsing: text) as Any }
            #expect(e?.code == .outOfRange && e?.field == "days", "\(text)")
        }

        #expect(try WorkflowLimits.check(3650, in: WorkflowLimits.windowDays, field: "days") == 3650)
        #expect(refusal { try WorkflowLimits.check(0, in: WorkflowLimits.windowDays, field: "days") }?.detail == "1...3650")
    }

    @Test func meetingKindsAreTheOnlyKindsAMeetingTakes() throws {
        #expect(try MeetingPlan.kind(parsing: "informational") == .informational)
        #expect(try MeetingPlan.kind(parsing: "event") == .event)
        for text in ["note", "new-touch", "coffee"] {
            #expect(refusal { try MeetingPlan.kind(parsing: text) }?.code == .outOfRange, "\(text)")
        }
    }

    @Test func errorTextNamesNoCommandFlagOrEnvironment() {
        let errors: [WorkspaceError?] = [
            refusal { try DateParser.date("x", today: today) }, refusal { try DateParser.date("x", today: today, allowYearless: true) },
            refusal { try DateParser.time("x") }, refusal { try WorkflowLimits.minutes(-1) as Any },
            refusal { try WorkflowLimits.cadence(parsing: "x") as Any }, refusal { try MeetingPlan.kind(parsing: "x") },
            refusal { try PrepInput(what: " ", minutes: 5).validate() }, refusal { try ReasonDraft(text: "").validate() },
        ]
        for e in errors {
            let text = e?.description ?? "missing"
            #expect(e != nil)
            #expect(!text.contains("touchbase") && !text.contains("--") && !text.contains("TOUCHBASE"), "\(text)")
        }
    }
}
