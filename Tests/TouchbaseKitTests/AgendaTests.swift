import Foundation
import Testing
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// The agenda, birthdays in the day's plan, and the calendar export, on a real database.
@Suite struct AgendaTests {
    /// Monday 2 March 2026: a meeting, a follow-up, a keep-in-touch date, two birthdays, hub sessions.
    static func seeded() throws -> (w: KitWorld, ada: RecordID, ben: RecordID, cy: RecordID, dee: RecordID, eve: RecordID, fay: RecordID,
                                    lunch: RecordID) {
        let w = try KitWorld()
        let ada = try w.contact("Ada Lovelace", stage: "want", ask: "an intro", offer: "notes")
        let ben = try w.contact("Ben Okri", stage: "active")
        let cy = try w.contact("Cy Twombly", extra: [("cadence", .int(14))])
        let dee = try w.contact("Dee Rams", extra: [("birthday", .date(CalendarDate("--03-07")!))])
        let eve = try w.contact("Eve Curie", extra: [("birthday", .date(CalendarDate("1990-03-08")!))])
        let fay = try w.contact("Fay Wray", stage: "active")
        try w.workspace.planMeeting(MeetingPlan(contact: ada, date: w.today.adding(days: 2), exitGoal: "who hires, in data", time: "10:00"))
        try w.workspace.debrief(Debrief(contact: ben, date: w.today.adding(days: -3), nextStep: "send my notes", followUp: w.today.adding(days: 3)))
        try w.workspace.debrief(Debrief(contact: fay, date: w.today.adding(days: -9), learned: "they hire in Q2", followUp: w.today.adding(days: -5)))
        try w.workspace.touch(TouchInput(contact: cy, reason: "saw your show", date: w.today.adding(days: -10)))
        var lunch = HubDraft(name: "Lunch club")
        lunch.schedule = "every Tuesday 12:00"
        lunch.location = "Café Nord"
        let lunchHub = try w.workspace.addHub(lunch)
        var founders = HubDraft(name: "Founders")
        founders.schedule = "second Thursday, 18:30"
        try w.workspace.addHub(founders)
        var vague = HubDraft(name: "Book club")
        vague.schedule = "whenever someone has read something"
        try w.workspace.addHub(vague)
        return (w, ada, ben, cy, dee, eve, fay, lunchHub.id)
    }

    @Test func theNextSevenDays() throws {
        let s = try Self.seeded()
        let agenda = try s.w.workspace.agenda()
        #expect(agenda.from == CalendarDate("2026-03-02")! && agenda.through == CalendarDate("2026-03-08")!)
        let seen = agenda.items.map { "\($0.date) \($0.time ?? "-") \($0.kind.rawValue) \($0.title)" }
        #expect(seen == [
            "2026-02-25 - follow-up Fay Wray",
            "2026-03-03 12:00 hub-session Lunch club",
            "2026-03-04 10:00 meeting Ada Lovelace",
            "2026-03-05 - follow-up Ben Okri",
            "2026-03-06 - keep-in-touch Cy Twombly",
            "2026-03-07 - birthday Dee Rams",
            "2026-03-08 - birthday Eve Curie",
        ])
        #expect(agenda.items[0].overdueDays == 5)
        #expect(agenda.items[2].detail == "who hires, in data" && agenda.items[2].contact == s.ada)
        #expect(agenda.items[3].detail == "send my notes")
        #expect(agenda.items[6].age == 36 && agenda.items[5].age == nil)
        #expect(agenda.items[1].place == "Café Nord" && agenda.items[1].hub == s.lunch)
        #expect(agenda.unparsedSchedules.map(\.name) == ["Book club"])
        #expect(agenda.unparsedSchedules[0].schedule == "whenever someone has read something")

        // Two weeks: the second Thursday (12 March) and the next Tuesday come in.
        let two = try s.w.workspace.agenda(days: 14)
        #expect(two.items.contains { $0.kind == .hubSession && $0.title == "Founders" && $0.date == CalendarDate("2026-03-12")! && $0.time == "18:30" })
        #expect(two.items.filter { $0.kind == .hubSession && $0.title == "Lunch club" }.count == 2)

        // Debriefing Ben's follow-up date away: logging an interaction after it closes it.
        #expect(throws: WorkspaceError(.outOfRange, field: "days", detail: "1...366")) { try s.w.workspace.agenda(days: 0) }
        #expect(throws: WorkspaceError(.outOfRange, field: "days", detail: "1...366")) { try s.w.workspace.agenda(days: 367) }
    }

    @Test func opportunityStepsComeInLateOnesFirst() throws {
        let s = try Self.seeded()
        var draft = OpportunityDraft(role: "Data lead", organization: "Northwind")
        draft.nextStep = "send the portfolio"
        draft.nextStepOn = s.w.today.adding(days: 1)
        _ = try s.w.workspace.addOpportunity(draft)
        var late = OpportunityDraft(role: "Analyst", organization: "Initech")
        late.nextStep = "call the recruiter"
        late.nextStepOn = s.w.today.adding(days: -2)
        _ = try s.w.workspace.addOpportunity(late)
        let steps = try s.w.workspace.agenda().items.filter { $0.kind == .opportunityStep }
        #expect(steps.map(\.title) == ["Analyst at Initech", "Data lead at Northwind"])
        #expect(steps.map(\.overdueDays) == [2, 0] && steps[1].detail == "send the portfolio")
        let ics = try s.w.workspace.exportICS(days: 7).text
        #expect(ics.replacingOccurrences(of: "\r\n ", with: "").contains("SUMMARY:send the portfolio: Data lead at Northwind"))
    }

    @Test func aCancelledOrDebriefedMeetingLeavesTheAgenda() throws {
        let s = try Self.seeded()
        s.w.advance(days: 2)
        try s.w.workspace.debrief(Debrief(contact: s.ada, learned: "Q2 hiring"))
        #expect(!(try s.w.workspace.agenda()).items.contains { $0.kind == .meeting })
    }

    @Test func todayListsTheComingBirthdays() throws {
        let s = try Self.seeded()
        let plan = try s.w.workspace.todayPlan()
        #expect(plan.birthdays.map(\.title) == ["Dee Rams", "Eve Curie"])
        #expect(plan.birthdays.map(\.date) == [CalendarDate("2026-03-07")!, CalendarDate("2026-03-08")!])
        s.w.advance(days: 6)  // Sunday 8 March: only Eve's is left
        #expect(try s.w.workspace.todayPlan().birthdays.map(\.title) == ["Eve Curie"])
    }

    @Test func exportsKeepBirthdays() throws {
        let s = try Self.seeded()
        let csv = try s.w.workspace.exportCSV().text
        #expect(csv.contains("--03-07") && csv.contains("1990-03-08"))
        let vcard = try s.w.workspace.exportVCard().text
        #expect(vcard.contains("BDAY:--0307") && vcard.contains("BDAY:19900308"))
        // And they come back in.
        let other = try KitWorld()
        _ = try other.workspace.importContacts(data: Data(csv.utf8), fileName: "export.csv")
        #expect(try other.workspace.agenda().items.filter { $0.kind == .birthday }.map(\.title) == ["Dee Rams", "Eve Curie"])
    }
}
