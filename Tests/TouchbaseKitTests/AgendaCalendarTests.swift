import Foundation
import Testing
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// `export ics`: RFC 5545 as written here, and as Python's `icalendar` reads it.
@Suite struct AgendaCalendarTests {
    static let paris = TimeZone(identifier: "Europe/Paris")!

    @Test func eventsAreStableFoldedEscapedAndStamped() throws {
        let s = try AgendaTests.seeded()
        let first = try s.w.workspace.exportICS(days: 14, timeZone: Self.paris)
        let text = first.text
        // CRLF everywhere, no bare LF, no line over 75 octets.
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75, "\(line)") }
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("DTSTAMP:20260302T120000Z"))
        // The meeting at 10:00 in Paris is 09:00 UTC; the exit is escaped.
        #expect(unfolded.contains("DTSTART:20260304T090000Z"))
        #expect(unfolded.contains("DESCRIPTION:Exit: who hires\\, in data"))
        #expect(unfolded.contains("UID:meeting-"))
        // All-day follow-up, yearly birthday without a year.
        #expect(unfolded.contains("DTSTART;VALUE=DATE:20260305"))
        #expect(unfolded.contains("DTSTART;VALUE=DATE:20000307\r\nDTEND;VALUE=DATE:20000308\r\nTRANSP:TRANSPARENT\r\nRRULE:FREQ=YEARLY"))
        // The same items keep their UIDs in a later export; only the stamp moves.
        s.w.clock.advance(milliseconds: 3_600_000)
        let second = try s.w.workspace.exportICS(days: 14, timeZone: Self.paris).text
        func uids(_ t: String) -> [String] {
            t.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }
        }
        #expect(uids(text) == uids(second) && !uids(text).isEmpty)
        #expect(Set(uids(text)).count == uids(text).count)
        #expect(second.contains("DTSTAMP:20260302T130000Z"))
    }

    @Test func writerFoldsWithoutSplittingCharactersAndEscapes() {
        let long = String(repeating: "é", count: 60) + ";,\\\nend"
        let text = ICalendarWriter.write([ICalendarEvent(uid: "u1", summary: long, start: .allDay(CalendarDate("2026-03-02")!))], stampSeconds: 0)
        for line in text.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 75)
            #expect(String(data: Data(line.utf8), encoding: .utf8) != nil)
        }
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:" + String(repeating: "é", count: 60) + "\\;\\,\\\\\\nend"))
        #expect(unfolded.contains("DTSTAMP:19700101T000000Z"))
        #expect(ICalendarWriter.escape("a\r\nb\u{7}") == "a\\nb")
    }

    /// Whether Python's icalendar can be used: present, or `Tools/setup.sh` ran (then its absence fails the test).
    static let python: (available: Bool, setupRan: Bool) = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let setupRan = FileManager.default.fileExists(atPath: root.appendingPathComponent(".build/setup-ran").path)
        return (runPython("import icalendar").status == 0, setupRan)
    }()

    static func runPython(_ script: String, input: Data = Data()) -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script]
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = outPipe
        p.standardError = errPipe
        do { try p.run() } catch { return (127, "", "\(error)") }
        inPipe.fileHandleForWriting.write(input)
        try? inPipe.fileHandleForWriting.close()
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        let err = errPipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    @Test(.enabled(if: python.available || python.setupRan,
                   "Python's icalendar is missing and Tools/setup.sh was not run: the iCalendar parser check is skipped"))
    func pythonICalendarReadsTheExport() throws {
        #expect(Self.python.available, "Tools/setup.sh ran but python3 cannot import icalendar")
        let s = try AgendaTests.seeded()
        let text = try s.w.workspace.exportICS(days: 14, timeZone: Self.paris).text
        let script = """
            import sys, json, icalendar
            cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
            out = []
            for e in cal.walk('VEVENT'):
                rr = e.get('RRULE')
                out.append({'uid': str(e['UID']), 'summary': str(e['SUMMARY']), 'start': e.decoded('DTSTART').isoformat(),
                            'end': e.decoded('DTEND').isoformat(), 'stamp': e.decoded('DTSTAMP').isoformat(),
                            'rrule': rr.to_ical().decode() if rr else None,
                            'description': str(e['DESCRIPTION']) if 'DESCRIPTION' in e else None,
                            'location': str(e['LOCATION']) if 'LOCATION' in e else None})
            print(json.dumps({'version': str(cal['VERSION']), 'events': out}))
            """
        let r = Self.runPython(script, input: Data(text.utf8))
        #expect(r.status == 0, "\(r.err)")
        struct Parsed: Decodable {
            struct Event: Decodable {
                var uid, summary, start, end, stamp: String
                var rrule, description, location: String?
            }
            var version: String
            var events: [Event]
        }
        let parsed = try JSONDecoder().decode(Parsed.self, from: Data(r.out.utf8))
        #expect(parsed.version == "2.0")
        let byUID = Dictionary(parsed.events.map { ($0.uid, $0) }, uniquingKeysWith: { a, _ in a })
        let meeting = try #require(parsed.events.first { $0.summary == "Meeting with Ada Lovelace" })
        #expect(meeting.start == "2026-03-04T09:00:00+00:00" && meeting.end == "2026-03-04T10:00:00+00:00")
        #expect(meeting.description == "Exit: who hires, in data")
        #expect(meeting.stamp == "2026-03-02T12:00:00+00:00")
        let lunch = parsed.events.filter { $0.summary == "Lunch club" }
        #expect(lunch.map(\.start) == ["2026-03-03T11:00:00+00:00", "2026-03-10T11:00:00+00:00"])
        #expect(lunch.first?.location == "Café Nord")
        let dee = try #require(byUID["birthday-\(s.dee.hex)@touchbase"])
        #expect(dee.start == "2000-03-07" && dee.end == "2000-03-08" && dee.rrule == "FREQ=YEARLY")
        #expect(byUID["birthday-\(s.eve.hex)@touchbase"]?.start == "1990-03-08")
        #expect(parsed.events.first { $0.summary == "Follow up with Fay Wray" }?.start == "2026-02-25")
        #expect(parsed.events.first { $0.summary == "Keep in touch with Cy Twombly" }?.start == "2026-03-06")
    }
}
