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
    /// from the same scan of the contacts. Without `cadences`, the tags' cadences are not read
    /// (`tagCadence` stays `nil`): for readers that show no cadence.
    static func planContacts(_ db: Database, aliases: [RecordID: RecordID], cadences: Bool = true,
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
        let taggedStatement = try db.makeStatement(sql: """
            SELECT g.target, t.cadence FROM tag t CROSS JOIN tagging g ON g.tag = t.id
            WHERE t.cadence > 0 AND t.deleted = 0 AND g.deleted = 0
            """)
        let tagged = try Row.fetchCursor(taggedStatement), tag = StepColumns(taggedStatement)
        while cadences, try tagged.next() != nil {
            guard let raw = tag.id(0), let cadence = tag.int(1) else { continue }
            // One lookup, and the contact changed in place (not copied out and back).
            guard let i = contacts.index(forKey: aliases[raw] ?? raw) else { continue }
            contacts.values[i].tagCadence = min(contacts.values[i].tagCadence ?? cadence, cadence)
        }
        // Each contact's latest done interaction; those of merged duplicates count for their
        // survivor, and so do those where a contact was among the others who were there.
        func note(_ raw: RecordID, _ date: CalendarDate) {
            guard let i = contacts.index(forKey: aliases[raw] ?? raw) else { return }
            if let seen = contacts.values[i].lastInteraction, seen >= date { return }
            contacts.values[i].lastInteraction = date
        }
        try latestDone(db, note)
        try othersMet(db, note)
        return contacts
    }

    /// Each contact with a done interaction that has a date, with the latest such date (as the
    /// interaction's own contact: not followed to survivors), from the table ``ContactLatest/done``
    /// keeps: one row per contact, where reading the interactions would seek an index per contact.
    static func latestDone(_ db: Database, _ body: (RecordID, CalendarDate) -> Void) throws {
        let statement = try db.makeStatement(sql: "SELECT contact, date FROM contactLastDone")
        let rows = try Row.fetchCursor(statement), column = StepColumns(statement)
        while try rows.next() != nil {
            if let id = column.id(0), let d = column.date(1) { body(id, d) }
        }
    }

    /// Each contact named among the others who were at a done interaction, with its date (not
    /// followed to survivors).
    static func othersMet(_ db: Database, _ body: (RecordID, CalendarDate) -> Void) throws {
        let statement = try db.makeStatement(sql: """
            SELECT others, date FROM interaction
            WHERE others IS NOT NULL AND deleted = 0 AND COALESCE(status, 'done') = 'done' AND date IS NOT NULL
            """)
        let rows = try Row.fetchCursor(statement), column = StepColumns(statement)
        while try rows.next() != nil {
            guard let d = column.date(1) else { continue }
            column.ids(inJSON: 0) { body($0, d) }
        }
    }

    /// The latest done interaction of each contact: as the interaction's contact, or among the
    /// others who were there (one row per contact from the table of ``ContactLatest/done``, then the
    /// interactions with others).
    static func lastInteractions(_ db: Database, aliases: [RecordID: RecordID]) throws -> [RecordID: CalendarDate] {
        var out: [RecordID: CalendarDate] = [:]
        func note(_ raw: RecordID, _ date: CalendarDate) {
            let id = aliases[raw] ?? raw
            if let seen = out[id], seen >= date { return }
            out[id] = date
        }
        try latestDone(db, note)
        try othersMet(db, note)
        return out
    }

    /// The open follow-up of each visible contact (see ``TodayPlanner/openFollowUps(_:contacts:)``),
    /// due on or before `day` when given; the next step is read only for the open ones.
    static func openFollowUps(_ db: Database, through day: CalendarDate?, aliases: [RecordID: RecordID],
                              contacts: [RecordID: PlanContact], withNextStep: Bool) throws -> [PlanFollowUp] {
        var open = Array(try openFollowUpsByContact(db, through: day, aliases: aliases, contacts: contacts).values)
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

    /// The open follow-up of each visible contact, keyed by contact, without next steps (see
    /// ``openFollowUps(_:through:aliases:contacts:withNextStep:)``).
    ///
    /// Each contact's latest follow-up comes from the table ``ContactLatest/followUp`` keeps (one
    /// row per contact, not every follow-up there is). A contact whose latest is due after `day`
    /// has its follow-ups due by `day` read from the interactions (one range of the index
    /// `interactionFollowUpByContact` each): the latest among those is what the day asks for. The
    /// rows then go through the same selection as ever (``TodayPlanner/LatestFollowUps``: merged
    /// duplicates count for their survivor, and which contacts are visible is checked once per
    /// contact, at the end).
    static func openFollowUpsByContact(_ db: Database, through day: CalendarDate?, aliases: [RecordID: RecordID],
                                       contacts: [RecordID: PlanContact]) throws -> [RecordID: PlanFollowUp] {
        var latest = TodayPlanner.LatestFollowUps(capacity: contacts.count)
        var dueLater: [RecordID] = []
        let statement = try db.makeStatement(sql: "SELECT contact, id, followUp, date FROM contactLastFollowUp")
        let rows = try Row.fetchCursor(statement), column = StepColumns(statement)
        while try rows.next() != nil {
            guard let raw = column.id(0), let id = column.id(1), let due = column.date(2) else { continue }
            if let day, due > day {
                dueLater.append(raw)
                continue
            }
            latest.add(PlanFollowUp(interaction: id, contact: aliases[raw] ?? raw, due: due, setOn: column.date(3)))
        }
        if let day, !dueLater.isEmpty {
            let earlier = try db.makeStatement(sql: """
                SELECT id, followUp, date FROM interaction
                WHERE contact = ? AND followUp IS NOT NULL AND followUp <= ? AND deleted = 0 AND COALESCE(status, 'done') != 'cancelled'
                """)
            let step = StepColumns(earlier)
            for raw in dueLater {
                let rows = try Row.fetchCursor(earlier, arguments: [wfBlob(raw), day.description])
                while try rows.next() != nil {
                    guard let id = step.id(0), let due = step.date(1) else { continue }
                    latest.add(PlanFollowUp(interaction: id, contact: aliases[raw] ?? raw, due: due, setOn: step.date(2)))
                }
            }
        }
        return latest.open(contacts: contacts)
    }

    /// The latest outreach of each contact at stage `pending` (through merged duplicates), with
    /// what it said when it is still unanswered: the latest of each contact by `(date, id)`, from
    /// the table ``ContactLatest/outreach`` keeps (one row per contact).
    static func latestOutreach(_ db: Database, aliases: [RecordID: RecordID], contacts: [RecordID: PlanContact]) throws -> [PlanOutreach] {
        var latest: [RecordID: PlanOutreach] = [:]
        let statement = try db.makeStatement(sql: "SELECT contact, date, answered, id FROM contactLastOutreach")
        let rows = try Row.fetchCursor(statement), column = StepColumns(statement)
        while try rows.next() != nil {
            guard let raw = column.id(0) else { continue }
            let c = aliases[raw] ?? raw
            guard let i = contacts.index(forKey: c), contacts.values[i].stage == "pending",
                  let id = column.id(3), let date = column.date(1) else { continue }
            if let seen = latest[c], (seen.date, seen.interaction) >= (date, id) { continue }
            latest[c] = PlanOutreach(interaction: id, contact: c, date: date, answered: column.date(2))
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
        // How many contacts (survivors) each reason was shared with, deleted ones included: a pair
        // (contact, reason) counts once. The rows come by contact and reason (the partial index
        // `interactionReason`), so a row like the one before it is skipped without a lookup.
        var uses: [RecordID: Int] = [:]
        var hidden: [RecordID: Set<RecordID>] = [:]
        var previous: (contact: RecordID, reason: RecordID)?
        let statement = try db.makeStatement(sql: "SELECT contact, reasonRef FROM interaction WHERE reasonRef IS NOT NULL AND contact IS NOT NULL AND deleted = 0")
        let shared = try Row.fetchCursor(statement), column = StepColumns(statement)
        while try shared.next() != nil {
            guard let raw = column.id(0), let r = column.id(1) else { continue }
            if let p = previous, p.contact == raw, p.reason == r { continue }
            previous = (raw, r)
            let c = aliases[raw] ?? raw
            let isNew: Bool
            if let i = contacts.index(forKey: c) {
                isNew = contacts.values[i].usedReasons.insert(r).inserted
            } else {
                isNew = hidden[r, default: []].insert(c).inserted
            }
            if isNew { uses[r, default: 0] += 1 }
        }
        for (id, n) in uses where reasons[id] != nil { reasons[id]!.uses = n }
        // Each text lowercased once, not in every comparison.
        return reasons.values.map { ($0.text.lowercased(), $0) }.sorted { ($0.0, $0.1.id) < ($1.0, $1.1.id) }.map(\.1)
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
    static func wfDate(_ db: DatabaseValue) -> CalendarDate? {
        guard case .string(let s) = db.storage else { return nil }
        return CalendarDate(s)
    }
}
