import Foundation
import TouchbaseInterop
import TouchbaseStore

/// The agenda of the coming days and its calendar export.
extension Workspace {
    /// The days an agenda may span.
    public static let agendaDays = 1...366

    /// The agenda from today through `days − 1` days later (see ``AgendaPlanner``).
    ///
    /// - throws: ``WorkspaceError`` `.outOfRange` (field `days`) outside ``agendaDays``.
    public func agenda(days: Int = 7) throws -> Agenda {
        try agenda(input: agendaInput(days: days))
    }

    /// What the agenda of `days` days from today is computed from.
    func agendaInput(days: Int) throws -> AgendaInput {
        _ = try WorkflowLimits.check(days, in: Workspace.agendaDays, field: "days")
        return try store.agendaInput(from: today, through: today.adding(days: days - 1))
    }

    /// The agenda of `input`.
    func agenda(input: AgendaInput) throws -> Agenda {
        let (planned, unparsed) = AgendaPlanner.plan(input)
        var items = planned
        // Opportunity next steps, late ones included (like follow-ups).
        items += try opportunitySteps(from: CalendarDate(dayNumber: 0), through: input.through).map(AgendaItem.init(opportunityStep:))
        items.sort(by: AgendaItem.ordered)
        return Agenda(from: input.from, through: input.through, items: items,
                      unparsedSchedules: unparsed.map { .init(hub: $0.id, name: $0.name, schedule: $0.schedule) })
    }

    /// The agenda of the next `days` days as an iCalendar file (RFC 5545), for a calendar app to
    /// import or subscribe to. Every event's UID is derived from its record (``AgendaItem/uid``),
    /// so a new export of the same items updates them instead of adding copies. Birthdays are
    /// yearly events (every contact's, whatever the range); meetings and hub sessions with a time
    /// are timed events in UTC, converted from `timeZone`; everything else lasts all day.
    ///
    /// - throws: ``WorkspaceError`` `.outOfRange` (field `days`) outside ``agendaDays``.
    public func exportICS(days: Int = 30, timeZone: TimeZone = .current) throws -> CalendarExport {
        let input = try agendaInput(days: days)
        var events: [ICalendarEvent] = []
        for item in try agenda(input: input).items where item.kind != .birthday {
            events.append(Workspace.event(item, timeZone: timeZone))
        }
        for (id, day) in input.birthdays {
            guard let c = input.contacts[id] else { continue }
            // A yearly event from the day of birth, or from 2000 (a leap year) when the year is unknown.
            guard let first = CalendarDate(year: day.year ?? 2000, month: day.month, day: day.day) else { continue }
            events.append(ICalendarEvent(uid: AgendaItem(kind: .birthday, date: first, title: c.name, record: id).uid + "@touchbase",
                                         summary: "\(c.name)'s birthday", start: .allDay(first), yearly: true, categories: ["birthday"]))
        }
        events.sort { $0.uid < $1.uid }
        let text = ICalendarWriter.write(events, stampSeconds: Int64(nowMilliseconds / 1000))
        return CalendarExport(text: text, count: events.count)
    }

    /// The calendar event of an agenda item.
    static func event(_ item: AgendaItem, timeZone: TimeZone) -> ICalendarEvent {
        let summary: String
        var description = item.detail
        switch item.kind {
        case .meeting:
            summary = "Meeting with \(item.title)"
            description = item.detail.map { "Exit: \($0)" }
        case .followUp:
            summary = "Follow up with \(item.title)"
            description = item.detail.map { "Next: \($0)" }
        case .keepInTouch: summary = "Keep in touch with \(item.title)"
        case .birthday: summary = "\(item.title)'s birthday"
        case .hubSession: summary = item.title
        case .opportunityStep:
            summary = item.detail.map { "\($0): \(item.title)" } ?? item.title
            description = nil
        }
        var start = ICalendarEvent.Start.allDay(item.date)
        if let time = item.time, let seconds = instant(item.date, time, timeZone) { start = .utc(seconds: seconds) }
        return ICalendarEvent(uid: item.uid + "@touchbase", summary: summary, description: description, location: item.place,
                              start: start, minutes: item.minutes ?? 60, categories: [item.kind.rawValue])
    }

    /// Seconds since 1970 of a local day and `HH:MM` in `timeZone`.
    static func instant(_ day: CalendarDate, _ time: String, _ timeZone: TimeZone) -> Int64? {
        let parts = time.split(separator: ":")
        guard let year = day.year, parts.count >= 2, let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard let date = calendar.date(from: DateComponents(year: year, month: day.month, day: day.day, hour: h, minute: m)) else { return nil }
        return Int64(date.timeIntervalSince1970.rounded())
    }
}

extension Workspace {
    /// Days ahead (today included) whose birthdays the day's plan lists.
    public static let birthdayDays = 7
    /// Days a job change stays in the day's plan, unless the contact was in touch since.
    public static let jobChangeDays = 30

    /// Fills the day's plan's birthdays (the next ``birthdayDays`` days) and job changes (the
    /// last ``jobChangeDays`` days, for contacts not in touch since the change was seen).
    func addAgendaReasons(to plan: inout TodayPlan, contacts: [RecordID: PlanContact]) throws {
        let day = plan.date
        var items: [AgendaItem] = []
        for (id, birthday) in try store.birthdayDates() {
            guard let c = contacts[id] else { continue }
            for date in AgendaPlanner.occurrences(of: birthday, from: day, through: day.adding(days: Workspace.birthdayDays - 1)) {
                let age = birthday.year.flatMap { y in date.year.map { $0 - y } }
                items.append(AgendaItem(kind: .birthday, date: date, title: c.name, contact: id, record: id, age: age.flatMap { $0 > 0 ? $0 : nil }))
            }
        }
        plan.birthdays = items.sorted(by: AgendaItem.ordered)
        // The newest change per contact, for contacts not in touch since it was seen.
        var latest: [RecordID: (record: Record, date: CalendarDate)] = [:]
        for r in try store.jobChanges(since: day.adding(days: -(Workspace.jobChangeDays - 1))) {
            guard let c = r["contact"].ref, let date = r["date"].date, contacts[c] != nil else { continue }
            if let seen = latest[c], (seen.date, seen.record.id) >= (date, r.id) { continue }
            latest[c] = (r, date)
        }
        plan.jobChanges = latest.compactMap { id, entry -> JobChangeNote? in
            let c = contacts[id]!
            if let last = c.lastInteraction, last >= entry.date { return nil }
            let r = entry.record
            return JobChangeNote(contact: id, name: c.name, date: entry.date, organization: r.text("organization"), role: r.text("role"),
                                 previousOrganization: r.text("previousOrganization"), previousRole: r.text("previousRole"), record: r.id)
        }.sorted { ($1.date, $0.name.lowercased(), $0.contact) < ($0.date, $1.name.lowercased(), $1.contact) }
    }
}

extension Workspace {
    /// The next session of a hub from today on (within a year), when its schedule reads as
    /// recurring sessions (``HubSchedule``).
    public func nextSession(of hub: Hub) -> CalendarDate? {
        guard let text = hub.schedule, let schedule = HubSchedule.parse(text) else { return nil }
        return schedule.sessions(from: today, through: today.adding(days: 366)).first
    }

    /// Every visible hub as CSV: kind, stage, schedule and next session, location, web page,
    /// members, tags, notes, with the record id.
    public func exportHubsCSV(byteOrderMark: Bool = false) throws -> HubExport {
        let rows = try hubList().map { item in
            HubCSV.Row(id: item.hub.id.hex, name: item.hub.name, kind: item.hub.kind, stage: item.hub.stage?.rawValue, schedule: item.hub.schedule,
                       nextSession: nextSession(of: item.hub)?.description, location: item.hub.location, url: item.hub.url,
                       members: item.members, tags: item.tags, notes: item.hub.notes)
        }
        return HubExport(text: HubCSV.write(rows, byteOrderMark: byteOrderMark), count: rows.count)
    }
}

extension AgendaItem {
    /// An opportunity's next step on the agenda: titled with the role and organisation, the step as
    /// its detail.
    public init(opportunityStep s: OpportunityStep) {
        self.init(kind: .opportunityStep, date: s.date, title: s.organization.map { "\(s.role) at \($0)" } ?? s.role, detail: s.step,
                  record: s.opportunity, overdueDays: s.overdueDays)
    }
}
