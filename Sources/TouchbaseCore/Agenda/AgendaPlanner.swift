/// Turns an ``AgendaInput`` into the agenda's items. Pure: same input, same items.
///
/// - **Meetings**: every planned meeting from the first day through the last.
/// - **Follow-ups**: each contact's open follow-up (see ``TodayPlanner/openFollowUps(_:contacts:)``)
///   due by the last day; one already due before the first day is listed with how late it is.
/// - **Keep in touch**: last interaction + cadence (the contact's own, else its tags'), due by the
///   last day, late ones included; never in touch counts as due on the first day. Contacts with an
///   open follow-up are left out, as in ``TodayPlanner``.
/// - **Birthdays**: each birthday falling in the range (29 February on the 28th in other years),
///   with the age turned when the year of birth is known.
/// - **Hub sessions**: the sessions of every hub whose schedule parses (``HubSchedule``); the others
///   are returned in `unparsed`, kept as written.
public enum AgendaPlanner {
    /// The items, in agenda order, and the hubs whose schedule did not parse.
    public static func plan(_ input: AgendaInput) -> (items: [AgendaItem], unparsed: [AgendaInput.Hub]) {
        let from = input.from, through = input.through
        var items: [AgendaItem] = []
        for m in input.meetings {
            let pm = m.meeting
            guard pm.date >= from, pm.date <= through, let c = input.contacts[pm.contact] else { continue }
            items.append(AgendaItem(kind: .meeting, date: pm.date, time: pm.time, minutes: m.minutes, title: c.name, detail: pm.exitGoal,
                                    place: pm.hub, contact: c.id, record: pm.interaction))
        }
        let open = TodayPlanner.openFollowUps(input.followUps.filter { $0.due <= through }, contacts: input.contacts)
        for f in open.values {
            let c = input.contacts[f.contact]!
            items.append(AgendaItem(kind: .followUp, date: f.due, title: c.name, detail: f.nextStep, contact: c.id, record: f.interaction,
                                    overdueDays: max(0, f.due.days(until: from) ?? 0)))
        }
        for c in input.contacts.values {
            guard let cadence = c.effectiveCadence, open[c.id] == nil else { continue }
            let due = c.lastInteraction.map { $0.adding(days: cadence) } ?? from
            guard due <= through else { continue }
            items.append(AgendaItem(kind: .keepInTouch, date: due, title: c.name, detail: nil, contact: c.id, record: c.id,
                                    overdueDays: max(0, due.days(until: from) ?? 0)))
        }
        for (id, birthday) in input.birthdays {
            guard let c = input.contacts[id] else { continue }
            for day in occurrences(of: birthday, from: from, through: through) {
                let age = birthday.year.flatMap { y in day.year.map { $0 - y } }
                items.append(AgendaItem(kind: .birthday, date: day, title: c.name, contact: id, record: id, age: age.flatMap { $0 > 0 ? $0 : nil }))
            }
        }
        var unparsed: [AgendaInput.Hub] = []
        for hub in input.hubs {
            guard let schedule = HubSchedule.parse(hub.schedule) else {
                unparsed.append(hub)
                continue
            }
            for day in schedule.sessions(from: from, through: through) {
                items.append(AgendaItem(kind: .hubSession, date: day, time: schedule.time, minutes: schedule.time == nil ? nil : 120,
                                        title: hub.name, detail: hub.schedule, place: hub.location, hub: hub.id, record: hub.id))
            }
        }
        unparsed.sort { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
        return (items.sorted(by: AgendaItem.ordered), unparsed)
    }

    /// The days a yearly date (a birthday) falls on from `from` through `through`; 29 February
    /// falls on the 28th in a year without it.
    public static func occurrences(of date: CalendarDate, from: CalendarDate, through: CalendarDate) -> [CalendarDate] {
        guard let y0 = from.year, let y1 = through.year, y0 <= y1 else { return [] }
        var out: [CalendarDate] = []
        for year in y0...min(y1, y0 + 10) {
            guard let day = CalendarDate(year: year, month: date.month, day: date.day)
                    ?? CalendarDate(year: year, month: date.month, day: date.day - 1) else { continue }
            if day >= from && day <= through { out.append(day) }
        }
        return out
    }
}
