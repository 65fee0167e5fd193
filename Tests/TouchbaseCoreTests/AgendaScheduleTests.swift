import Testing
@testable import TouchbaseCore

/// Hub schedules read as recurring sessions, and the agenda's pure rules.
@Suite struct AgendaScheduleTests {
    func d(_ s: String) -> CalendarDate { CalendarDate(s)! }

    @Test func schedulesThatParse() {
        #expect(HubSchedule.parse("every Tuesday 12:00") == HubSchedule(pattern: .weekly(weekday: 2), time: "12:00"))
        #expect(HubSchedule.parse("second Thursday, 18:30") == HubSchedule(pattern: .monthly(ordinals: [2], weekday: 4), time: "18:30"))
        #expect(HubSchedule.parse("First Monday of the month") == HubSchedule(pattern: .monthly(ordinals: [1], weekday: 1)))
        #expect(HubSchedule.parse("Tuesdays at 6pm") == HubSchedule(pattern: .weekly(weekday: 2), time: "18:00"))
        #expect(HubSchedule.parse("1st and 3rd Wed, 6:30 pm") == HubSchedule(pattern: .monthly(ordinals: [1, 3], weekday: 3), time: "18:30"))
        #expect(HubSchedule.parse("last Friday of each month 17h") == HubSchedule(pattern: .monthly(ordinals: [-1], weekday: 5), time: "17:00"))
        #expect(HubSchedule.parse("weekly on fri. at noon") == HubSchedule(pattern: .weekly(weekday: 5), time: "12:00"))
    }

    @Test func schedulesThatDoNotParseAreRefused() {
        for text in ["every other Tuesday", "see the website", "Tuesday or Wednesday", "second Thursday 25:00", "", "monthly", "Thursday 7",
                     "every Tuesday 12:00 and 18:00"] {
            #expect(HubSchedule.parse(text) == nil, "\(text)")
        }
    }

    @Test func sessionsFallOnTheRightDays() {
        // March 2026 starts on a Sunday.
        #expect(HubSchedule.weekday(of: d("2026-03-01")) == 0)
        #expect(HubSchedule.weekday(of: d("1970-01-01")) == 4)
        let march = (d("2026-03-01"), d("2026-03-31"))
        #expect(HubSchedule.parse("every Tuesday")!.sessions(from: march.0, through: march.1).map(\.description)
                == ["2026-03-03", "2026-03-10", "2026-03-17", "2026-03-24", "2026-03-31"])
        #expect(HubSchedule.parse("second Thursday")!.sessions(from: march.0, through: d("2026-04-30")).map(\.description)
                == ["2026-03-12", "2026-04-09"])
        #expect(HubSchedule.parse("last Tuesday")!.sessions(from: march.0, through: march.1).map(\.description) == ["2026-03-31"])
        #expect(HubSchedule.parse("first Monday")!.sessions(from: march.0, through: march.1).map(\.description) == ["2026-03-02"])
        #expect(HubSchedule.parse("every Tuesday")!.sessions(from: march.1, through: march.0).isEmpty)
    }

    @Test func birthdaysRecurAndTheTwentyNinthFallsOnTheTwentyEighth() {
        #expect(AgendaPlanner.occurrences(of: d("--03-07"), from: d("2026-03-02"), through: d("2026-03-08")) == [d("2026-03-07")])
        #expect(AgendaPlanner.occurrences(of: d("1990-12-31"), from: d("2026-12-30"), through: d("2027-01-02")) == [d("2026-12-31")])
        #expect(AgendaPlanner.occurrences(of: d("2000-02-29"), from: d("2027-02-01"), through: d("2027-03-01")) == [d("2027-02-28")])
        #expect(AgendaPlanner.occurrences(of: d("2000-02-29"), from: d("2028-02-01"), through: d("2028-03-01")) == [d("2028-02-29")])
        #expect(AgendaPlanner.occurrences(of: d("--06-01"), from: d("2026-03-02"), through: d("2026-03-08")).isEmpty)
    }

    @Test func planOrdersItemsAndKeepsUnparsedSchedules() {
        let ada = PlanContact(id: RecordID.derived("t", "ada"), name: "Ada", cadence: 7, lastInteraction: d("2026-02-20"))
        let ben = PlanContact(id: RecordID.derived("t", "ben"), name: "Ben", lastInteraction: d("2026-02-27"))
        let hub = AgendaInput.Hub(id: RecordID.derived("t", "hub"), name: "Lunch club", schedule: "every Tuesday 12:00", location: "Café")
        let vague = AgendaInput.Hub(id: RecordID.derived("t", "vague"), name: "Vague", schedule: "when it rains")
        let meeting = PlanMeeting(interaction: RecordID.derived("t", "m"), contact: ben.id, date: d("2026-03-03"), time: "09:30", exitGoal: "advice")
        let input = AgendaInput(from: d("2026-03-02"), through: d("2026-03-08"), contacts: [ada.id: ada, ben.id: ben],
                                birthdays: [ben.id: d("1990-03-04")],
                                followUps: [PlanFollowUp(interaction: RecordID.derived("t", "f"), contact: ben.id, due: d("2026-03-10"), setOn: d("2026-02-27"))],
                                meetings: [AgendaInput.Meeting(meeting, minutes: 45)], hubs: [hub, vague])
        let (items, unparsed) = AgendaPlanner.plan(input)
        #expect(items.map(\.kind) == [.keepInTouch, .meeting, .hubSession, .birthday])
        #expect(items[0].date == d("2026-02-27") && items[0].overdueDays == 3)
        #expect(items[1].time == "09:30" && items[1].minutes == 45 && items[1].detail == "advice")
        #expect(items[2].place == "Café" && items[2].uid == "hub-session-\(hub.id.hex)-2026-03-03")
        #expect(items[3].age == 36 && items[3].uid == "birthday-\(ben.id.hex)")
        #expect(unparsed == [vague])
    }
}
