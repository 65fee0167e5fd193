import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore

/// `touchbase agenda`, `export ics`, `export hubs`, birthdays and job changes in `today`, and the
/// import options, through the binary with `TOUCHBASE_NOW` on Monday 2 March 2026.
@Suite struct AgendaCommandTests {
    func world() throws -> CLIRunner {
        let r = try CLIRunner(now: "2026-03-02T09:00:00Z")
        _ = try r.ok(["init", "--name", "laptop"])
        _ = try r.ok(["contact", "add", "Ada Lovelace", "--stage", "want", "--ask", "an intro", "--offer", "notes"])
        _ = try r.ok(["contact", "add", "Dee Rams", "--birthday", "03-05"])
        _ = try r.ok(["meet", "Ada", "--on", "2026-03-04", "--at", "10:00", "--exit", "who hires, in data"])
        _ = try r.ok(["hub", "add", "Lunch club", "--schedule", "every Tuesday 12:00", "--location", "Café Nord"])
        _ = try r.ok(["hub", "add", "Book club", "--schedule", "whenever", "--stage", "want"])
        return r
    }

    @Test func agendaTextAndJSON() throws {
        let r = try world()
        defer { r.cleanup() }
        let text = try r.ok(["agenda"])
        #expect(text.contains("Agenda, Monday 2 March 2026 to Sunday 8 March 2026"))
        #expect(text.contains("12:00  Lunch club"))
        #expect(text.contains("10:00  meeting with Ada Lovelace — exit: who hires, in data"))
        #expect(text.contains("Dee Rams's birthday"))
        #expect(text.contains("Book club: \"whenever\""))
        let json = try #require(try r.run(["agenda", "--json", "--days", "3"]).json() as? [String: Any])
        #expect(json["from"] as? String == "2026-03-02" && json["through"] as? String == "2026-03-04")
        let items = try #require(json["items"] as? [[String: Any]])
        #expect(items.map { $0["kind"] as? String } == ["hub-session", "meeting"])
        #expect(items[1]["detail"] as? String == "who hires, in data" && items[1]["time"] as? String == "10:00")
        #expect((items[0]["uid"] as? String)?.hasPrefix("hub-session-") == true)
        #expect((json["unparsedSchedules"] as? [[String: Any]])?.first?["schedule"] as? String == "whenever")
        #expect(try r.fails(["agenda", "--days", "0"]).contains("days"))
    }

    @Test func exportICSAndHubs() throws {
        let r = try world()
        defer { r.cleanup() }
        let path = r.home.appendingPathComponent("agenda.ics").path
        let out = try r.run(["export", "ics", "--days", "14", "--output", path])
        #expect(out.status == 0 && out.stderr.contains("Exported 4 events"))
        let ics = try String(contentsOfFile: path, encoding: .utf8)
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && ics.contains("RRULE:FREQ=YEARLY"))
        #expect(ics.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        // A second export keeps every UID.
        let again = try r.ok(["export", "ics", "--days", "14"])
        func uids(_ t: String) -> [String] { t.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") } }
        #expect(uids(again) == uids(ics) && uids(ics).count == 4)

        let csv = try r.ok(["export", "hubs"])
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "id,name,kind,stage,schedule,next session,location,url,members,tags,notes")
        #expect(lines.contains { $0.contains(",Lunch club,,,every Tuesday 12:00,2026-03-03,Café Nord,,0,,") })
        #expect(lines.contains { $0.contains(",Book club,,want,whenever,,,,0,,") })
        let hubs = try #require(try JSONSerialization.jsonObject(with: Data(try r.ok(["export", "hubs", "--json"]).utf8)) as? [[String: Any]])
        #expect(hubs.map { $0["name"] as? String } == ["Book club", "Lunch club"])
        #expect(try r.ok(["hub", "list", "--stage", "want"]).contains("Book club"))
        #expect(!(try r.ok(["hub", "list", "--stage", "want"])).contains("Lunch club"))
    }

    @Test func todayListsBirthdaysAndJobChanges() throws {
        let r = try world()
        defer { r.cleanup() }
        let file = r.home.appendingPathComponent("Connections.csv")
        func write(_ company: String) throws {
            try ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                 + "Ben,Okri,https://www.linkedin.com/in/benokri,ben@example.org,\(company),Engineer,01 Feb 2026\n")
                .write(to: file, atomically: true, encoding: .utf8)
        }
        try write("Acme")
        let first = try r.ok(["import", "linkedin", file.path, "--stage", "want", "--voter", "swing", "--tag", "spring"])
        #expect(first.contains("Imported 1 new"))
        #expect(try r.ok(["board"]).contains("Ben Okri"))
        try write("Northwind")
        let dry = try r.ok(["import", "linkedin", file.path, "--dry-run"])
        #expect(dry.contains("~ Ben Okri") && dry.contains("organization: \"Acme\" → \"Northwind\"") && dry.contains("job change: Engineer at Northwind"))
        #expect(dry.contains("Nothing written"))
        let json = try #require(try r.run(["import", "linkedin", file.path, "--dry-run", "--json"]).json() as? [String: Any])
        #expect(json["jobChanges"] as? Int == 1)
        #expect((json["changes"] as? [[String: Any]])?.first?["kind"] as? String == "updated")
        _ = try r.ok(["import", "linkedin", file.path])
        let today = try r.ok(["today"])
        #expect(today.contains("Birthdays") && today.contains("Dee Rams"))
        #expect(today.contains("congratulate Ben Okri on joining Northwind as Engineer"))
        let todayJSON = try #require(try r.run(["today", "--json"]).json() as? [String: Any])
        #expect((todayJSON["birthdays"] as? [[String: Any]])?.first?["date"] as? String == "2026-03-05")
        #expect((todayJSON["jobChanges"] as? [[String: Any]])?.first?["previousOrganization"] as? String == "Acme")
        #expect(try r.fails(["import", "linkedin", file.path, "--stage", "hot"]).contains("stage"))
    }
}
