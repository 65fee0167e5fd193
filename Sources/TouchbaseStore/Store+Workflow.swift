import Foundation
import GRDB
import TouchbaseCore

/// Set-based reads for the networking method: the day's plan, the board, the pace, the hub mix,
/// the duplicates. Each read is a handful of GROUP BY queries over indexed columns, never one
/// query per contact, so `today` stays fast on 10,000 contacts and 100,000 interactions.
///
/// Interactions of a merged duplicate count for its survivor; deleted contacts are left out.
extension Store {
    // MARK: - Settings

    /// The synced settings, `key → value`.
    public func settingValues() throws -> [String: String] {
        try writer.read { db in try Store.settingValues(db) }
    }

    /// The synced settings of the method.
    public func workflowSettings() throws -> WorkflowSettings {
        WorkflowSettings(values: try settingValues())
    }

    static func settingValues(_ db: Database) throws -> [String: String] {
        var out: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM setting WHERE deleted = 0 AND key IS NOT NULL AND value IS NOT NULL") {
            out[row["key"]] = row["value"]
        }
        return out
    }

    // MARK: - Today

    /// Everything the day's plan is computed from (see ``TodayPlanner``).
    public func todayInput(today: CalendarDate) throws -> TodayInput {
        try writer.read { db in
            let aliases = try Store.survivorMap(db)
            var contacts = try Store.planContacts(db, aliases: aliases)
            let followUps = try Store.openFollowUps(db, through: today, aliases: aliases, contacts: contacts, withNextStep: true)
            let outreach = try Store.latestOutreach(db, aliases: aliases, contacts: contacts)
            let meetings = try Store.plannedMeetings(db, through: today, aliases: aliases)
            var counts: [CalendarDate: Int] = [:]
            let days = try Row.fetchCursor(db, sql: """
                SELECT date, COUNT(*) AS n FROM interaction
                WHERE kind = 'new-touch' AND deleted = 0 AND COALESCE(status, 'done') = 'done' AND date IS NOT NULL AND date <= ?
                GROUP BY date
                """, arguments: [today.description])
            while let row = try days.next() {
                if let d = Store.wfDate(row[0]) { counts[d] = row[1] }
            }
            let reasons = try Store.reasonLibrary(db, aliases: aliases, contacts: &contacts)
            return TodayInput(today: today, settings: WorkflowSettings(values: try Store.settingValues(db)), contacts: contacts,
                              followUps: followUps, outreach: outreach, meetings: meetings, newTouchesByDay: counts, reasons: reasons)
        }
    }

    /// Merged duplicates → the record they show under.
    static func survivorMap(_ db: Database) throws -> [RecordID: RecordID] {
        var out: [RecordID: RecordID] = [:]
        let statement = try db.makeStatement(sql: "SELECT id, survivor FROM contact WHERE survivor IS NOT NULL")
        let rows = try Row.fetchCursor(statement), column = StepColumns(statement)
        while try rows.next() != nil {
            if let id = column.id(0), let s = column.id(1) { out[id] = s }
        }
        return out
    }

    /// The visible contacts with their cadences and latest interaction.
    ///
    /// With `organization`, each visible contact's organization (when it has one) is handed to it
    /// from the same scan of the contacts.
    static func planContacts(_ db: Database, aliases: [RecordID: RecordID],
                             organization: ((RecordID, String) -> Void)? = nil) throws -> [RecordID: PlanContact] {
        var contacts: [RecordID: PlanContact] = [:]
        contacts.reserveCapacity(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM contact") ?? 0)
        let statement = try db.makeStatement(sql: """
            SELECT id, name, stage, voter, COALESCE(ask, '') != '', COALESCE(offer, '') != '', cadence\(organization == nil ? "" : ", organization")
            FROM contact WHERE deleted = 0 AND survivor IS NULL
            """)
        let rows = try Row.fetchCursor(statement), column = StepColumns(statement)
        while try rows.next() != nil {
            guard let id = column.id(0) else { continue }
            contacts[id] = PlanContact(id: id, name: column.text(1) ?? String(id.hex.prefix(8)), stage: column.text(2), voter: column.text(3),
                                       hasAsk: column.int(4) != 0, hasOffer: column.int(5) != 0, cadence: column.int(6))
            if let organization, let org = column.text(7) { organization(id, org) }
        }
        // From the few tags with a cadence to their taggings (the covering index
        // `taggingTagTarget`), not from every tagging to its tag; the smallest cadence is kept here.
        let tagged = try Row.fetchCursor(db, sql: """
            SELECT g.target, t.cadence FROM tag t CROSS JOIN tagging g ON g.tag = t.id
            WHERE t.cadence > 0 AND t.deleted = 0 AND g.deleted = 0
            """)
        while let row = try tagged.next() {
            guard let raw = wfID(row[0]) else { continue }
            let id = aliases[raw] ?? raw
            let cadence: Int = row[1]
            // `keys.contains`, not `contacts[id] != nil`: the subscript copies the whole contact out.
            if contacts.keys.contains(id) { contacts[id]!.tagCadence = min(contacts[id]!.tagCadence ?? cadence, cadence) }
        }
        for (id, last) in try lastInteractions(db, aliases: aliases) where contacts.keys.contains(id) {
            contacts[id]!.lastInteraction = last
        }
        return contacts
    }

    /// The latest done interaction of each contact: as the interaction's contact, or among the
    /// others who were there. One index seek per contact (the `interactionDone` partial index).
    static func lastInteractions(_ db: Database, aliases: [RecordID: RecordID]) throws -> [RecordID: CalendarDate] {
        var out: [RecordID: CalendarDate] = [:]
        func note(_ raw: RecordID, _ date: CalendarDate) {
            let id = aliases[raw] ?? raw
            if let seen = out[id], seen >= date { return }
            out[id] = date
        }
        let latest = try db.makeStatement(sql: """
            SELECT c.id, (SELECT MAX(i.date) FROM interaction i
                          WHERE i.contact = c.id AND i.deleted = 0 AND COALESCE(i.status, 'done') = 'done')
            FROM contact c
            """)
        let rows = try Row.fetchCursor(latest), column = StepColumns(latest)
        while try rows.next() != nil {
            if let id = column.id(0), let d = column.date(1) { note(id, d) }
        }
        let others = try Row.fetchCursor(db, sql: """
            SELECT others, date FROM interaction
            WHERE others IS NOT NULL AND deleted = 0 AND COALESCE(status, 'done') = 'done' AND date IS NOT NULL
            """)
        while let row = try others.next() {
            guard let d = wfDate(row[1]), case .string(let list) = (row[0] as DatabaseValue).storage else { continue }
            for id in wfIDs(inJSON: list) { note(id, d) }
        }
        return out
    }

    /// The open follow-up of each visible contact (see ``TodayPlanner/openFollowUps(_:contacts:)``),
    /// due on or before `day` when given; the next step is read only for the open ones.
    static func openFollowUps(_ db: Database, through day: CalendarDate?, aliases: [RecordID: RecordID],
                              contacts: [RecordID: PlanContact], withNextStep: Bool) throws -> [PlanFollowUp] {
        var all: [PlanFollowUp] = []
        let statement = try db.makeStatement(sql: """
            SELECT id, contact, followUp, date FROM interaction
            WHERE followUp IS NOT NULL AND followUp <= ? AND deleted = 0 AND COALESCE(status, 'done') != 'cancelled'
            """)
        let rows = try Row.fetchCursor(statement, arguments: [day?.description ?? "9999-12-31"]), column = StepColumns(statement)
        while try rows.next() != nil {
            guard let id = column.id(0), let c = column.id(1).map({ aliases[$0] ?? $0 }), contacts.keys.contains(c), let due = column.date(2) else { continue }
            all.append(PlanFollowUp(interaction: id, contact: c, due: due, setOn: column.date(3)))
        }
        var open = Array(TodayPlanner.openFollowUps(all, contacts: contacts).values)
        guard withNextStep, !open.isEmpty else { return open }
        var steps: [RecordID: String] = [:]
        for chunk in stride(from: 0, to: open.count, by: 500) {
            let ids = open[chunk..<min(open.count, chunk + 500)].map(\.interaction)
            let list = inList(ids)
            let rows = try Row.fetchCursor(db, sql: "SELECT id, nextStep FROM interaction WHERE id IN (\(list.sql)) AND nextStep IS NOT NULL",
                                           arguments: list.args)
            while let row = try rows.next() {
                if let id = wfID(row[0]) { steps[id] = row[1] }
            }
        }
        for i in open.indices { open[i].nextStep = steps[open[i].interaction] }
        return open
    }

    /// The latest outreach of each contact at stage `pending` (through merged duplicates), with
    /// what it said when it is still unanswered.
    static func latestOutreach(_ db: Database, aliases: [RecordID: RecordID], contacts: [RecordID: PlanContact]) throws -> [PlanOutreach] {
        var latest: [RecordID: PlanOutreach] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT contact, MAX(date) AS date, answered, id FROM interaction INDEXED BY interactionOutreach
            WHERE kind IN ('new-touch', 'follow-up') AND direction = 'out' AND deleted = 0 AND COALESCE(status, 'done') = 'done'
              AND contact IN (SELECT id FROM contact WHERE stage = 'pending' UNION ALL SELECT id FROM contact WHERE survivor IS NOT NULL)
            GROUP BY contact
            """)
        while let row = try rows.next() {
            guard let id = wfID(row[3]), let c = wfID(row[0]).map({ aliases[$0] ?? $0 }), contacts[c]?.stage == "pending",
                  let date = wfDate(row[1]) else { continue }
            if let seen = latest[c], (seen.date, seen.interaction) >= (date, id) { continue }
            latest[c] = PlanOutreach(interaction: id, contact: c, date: date, answered: wfDate(row[2]))
        }
        var out = Array(latest.values)
        let waiting = out.filter { $0.answered == nil }.map(\.interaction)
        var reasons: [RecordID: String] = [:]
        for chunk in stride(from: 0, to: waiting.count, by: 500) {
            let list = inList(Array(waiting[chunk..<min(waiting.count, chunk + 500)]))
            let rows = try Row.fetchCursor(db, sql: "SELECT id, reason FROM interaction WHERE id IN (\(list.sql)) AND reason IS NOT NULL", arguments: list.args)
            while let row = try rows.next() {
                if let id = wfID(row[0]) { reasons[id] = row[1] }
            }
        }
        for i in out.indices { out[i].reason = reasons[out[i].interaction] }
        return out
    }

    /// Planned meetings on or before `day`.
    static func plannedMeetings(_ db: Database, through day: CalendarDate, aliases: [RecordID: RecordID]) throws -> [PlanMeeting] {
        var out: [PlanMeeting] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT i.id, i.contact, i.date, i.time, i.exitGoal, h.name AS hubName FROM interaction i
            LEFT JOIN hub h ON h.id = i.hub AND h.deleted = 0
            WHERE i.status = 'planned' AND i.date <= ? AND i.deleted = 0
            """, arguments: [day.description]) {
            guard let id = wfID(row["id"]), let c = wfID(row["contact"]).map({ aliases[$0] ?? $0 }), let date = wfDate(row["date"]) else { continue }
            out.append(PlanMeeting(interaction: id, contact: c, date: date, time: row["time"], hub: row["hubName"], exitGoal: row["exitGoal"]))
        }
        return out
    }

    /// The reason library with its uses, and each contact's used reasons filled in.
    static func reasonLibrary(_ db: Database, aliases: [RecordID: RecordID], contacts: inout [RecordID: PlanContact]) throws -> [PlanReason] {
        var reasons: [RecordID: PlanReason] = [:]
        let library = try Row.fetchCursor(db, sql: "SELECT id, text FROM reason WHERE deleted = 0 AND text IS NOT NULL")
        while let row = try library.next() {
            if let id = wfID(row[0]) { reasons[id] = PlanReason(id: id, text: row[1]) }
        }
        var users: [RecordID: Set<RecordID>] = [:]
        // Columns by position through a cursor: one row per interaction that shared a reason.
        let statement = try db.makeStatement(sql: "SELECT contact, reasonRef FROM interaction WHERE reasonRef IS NOT NULL AND contact IS NOT NULL AND deleted = 0")
        let shared = try Row.fetchCursor(statement), column = StepColumns(statement)
        while try shared.next() != nil {
            guard let raw = column.id(0), let r = column.id(1) else { continue }
            let c = aliases[raw] ?? raw
            users[r, default: []].insert(c)
            contacts[c]?.usedReasons.insert(r)
        }
        for (id, who) in users where reasons[id] != nil { reasons[id]!.uses = who.count }
        return reasons.values.sorted { ($0.text.lowercased(), $0.id) < ($1.text.lowercased(), $1.id) }
    }

    // MARK: - Helpers

    static func wfBlob(_ id: RecordID) -> Data { Data(id.raw.bytes) }
    /// A 16-byte BLOB as a record id, read without going through `[UInt8]`.
    static func wfID(_ db: DatabaseValue) -> RecordID? {
        guard case .blob(let data) = db.storage, data.count == 16 else { return nil }
        return data.withUnsafeBytes { p in
            RecordID(ID128(high: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                           low: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))))
        }
    }
    /// The ids of a JSON list of hex ids (`["0a1b…", …]`), without a JSON decoder.
    static func wfIDs(inJSON text: String) -> [RecordID] {
        var out: [RecordID] = []
        var high: UInt64 = 0, low: UInt64 = 0, count = 0
        for c in text.utf8 {
            let v: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): v = c - UInt8(ascii: "A") + 10
            default:
                if count == 32 { out.append(RecordID(ID128(high: high, low: low))) }
                high = 0; low = 0; count = 0
                continue
            }
            if count < 16 { high = high << 4 | UInt64(v) } else if count < 32 { low = low << 4 | UInt64(v) }
            count += 1
        }
        return out
    }

    static func wfDate(_ db: DatabaseValue) -> CalendarDate? {
        guard case .string(let s) = db.storage else { return nil }
        return CalendarDate(s)
    }
}
