import Foundation
import GRDB
import TouchbaseCore

/// Set-based reads for the agenda, birthdays and job changes.
extension Store {
    /// Everything the agenda of `from...through` is computed from (see ``AgendaPlanner``).
    public func agendaInput(from: CalendarDate, through: CalendarDate) throws -> AgendaInput {
        try writer.read { db in
            let aliases = try Store.survivorMap(db)
            let contacts = try Store.planContacts(db, aliases: aliases)
            let followUps = try Store.openFollowUps(db, through: through, aliases: aliases, contacts: contacts, withNextStep: true)
            var meetings: [AgendaInput.Meeting] = []
            for row in try Row.fetchAll(db, sql: """
                SELECT i.id, i.contact, i.date, i.time, i.exitGoal, i.minutes, h.name AS hubName FROM interaction i
                LEFT JOIN hub h ON h.id = i.hub AND h.deleted = 0
                WHERE i.status = 'planned' AND i.date >= ? AND i.date <= ? AND i.deleted = 0
                """, arguments: [from.description, through.description]) {
                guard let id = Store.wfID(row["id"]), let c = Store.wfID(row["contact"]).map({ aliases[$0] ?? $0 }), let date = Store.wfDate(row["date"]) else { continue }
                meetings.append(AgendaInput.Meeting(PlanMeeting(interaction: id, contact: c, date: date, time: row["time"], hub: row["hubName"],
                                                                exitGoal: row["exitGoal"]), minutes: row["minutes"]))
            }
            var hubs: [AgendaInput.Hub] = []
            for row in try Row.fetchAll(db, sql: "SELECT id, name, schedule, location FROM hub WHERE deleted = 0 AND COALESCE(schedule, '') != ''") {
                guard let id = Store.wfID(row["id"]) else { continue }
                hubs.append(AgendaInput.Hub(id: id, name: row["name"] ?? String(id.hex.prefix(8)), schedule: row["schedule"], location: row["location"]))
            }
            return AgendaInput(from: from, through: through, contacts: contacts, birthdays: try Store.birthdays(db),
                               followUps: followUps, meetings: meetings, hubs: hubs)
        }
    }

    /// The birthday of every visible contact that has one.
    public func birthdayDates() throws -> [RecordID: CalendarDate] {
        try writer.read { db in try Store.birthdays(db) }
    }

    static func birthdays(_ db: Database) throws -> [RecordID: CalendarDate] {
        var out: [RecordID: CalendarDate] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, birthday FROM contact WHERE deleted = 0 AND survivor IS NULL AND birthday IS NOT NULL") {
            if let id = Store.wfID(row["id"]), let d = Store.wfDate(row["birthday"]) { out[id] = d }
        }
        return out
    }

    /// The job changes recorded on or after `since`, each with its `contact` leading to the
    /// contact it now shows under (a merged duplicate's survivor).
    public func jobChanges(since: CalendarDate) throws -> [Record] {
        try writer.read { db in
            let aliases = try Store.survivorMap(db)
            return try Row.fetchAll(db, sql: "SELECT * FROM jobChange WHERE deleted = 0 AND date >= ?", arguments: [since.description]).map { row in
                var r = try Store.decode("jobChange", row)
                if let c = r["contact"].ref, let s = aliases[c] { r.values["contact"] = .ref(s) }
                return r
            }
        }
    }
}
