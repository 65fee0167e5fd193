import Foundation
import GRDB
import TouchbaseCore

/// One row of the board: a staged contact, its last touch and what is next.
public struct BoardEntry: Hashable, Sendable {
    /// The contact.
    public var id: RecordID
    public var name: String
    public var organization: String?
    /// `want`, `docket`, `pending`, `active` or `dormant`.
    public var stage: String
    public var voter: String?
    public var hasAsk: Bool
    public var hasOffer: Bool
    /// The day of the latest logged interaction.
    public var lastTouch: CalendarDate?
    /// The latest next step written in a debrief.
    public var nextStep: String?
    /// The open follow-up date.
    public var followUp: CalendarDate?
    /// The next planned meeting.
    public var meeting: CalendarDate?
}

/// A reason in the library and the contacts it was shared with.
public struct ReasonUse: Hashable, Sendable {
    /// The reason record.
    public var reason: Record
    /// The contacts it was shared with (survivors), by name.
    public var contacts: [(id: RecordID, name: String)]

    public static func == (a: ReasonUse, b: ReasonUse) -> Bool { a.reason == b.reason && a.contacts.map(\.id) == b.contacts.map(\.id) }
    public func hash(into h: inout Hasher) { h.combine(reason); h.combine(contacts.map(\.id)) }
}

extension Store {
    // MARK: - Board

    /// Every visible staged contact with its last touch, next step, open follow-up and next
    /// planned meeting; plus the number of visible contacts without a stage.
    public func board(today: CalendarDate) throws -> (entries: [BoardEntry], unstaged: Int) {
        try writer.read { db in
            let aliases = try Store.survivorMap(db)
            var orgs: [RecordID: String] = [:]
            // The board shows no cadence: the tags' cadences are not read.
            let contacts = try Store.planContacts(db, aliases: aliases, cadences: false) { id, org in orgs[id] = org }
            let open = try Store.openFollowUpsByContact(db, through: nil, aliases: aliases, contacts: contacts)
            // Columns by position and cursors, not rows by column name: one row per interaction
            // with a next step (from the covering index `interactionNextStep`, not a scan of every
            // interaction) or a planned date.
            // The latest date wins, and between interactions of one day the greatest id (the
            // order of the rows does not decide).
            var next: [RecordID: (date: CalendarDate, id: RecordID, step: String)] = [:]
            let stepStatement = try db.makeStatement(sql: """
                SELECT contact, date, nextStep, id FROM interaction
                WHERE nextStep IS NOT NULL AND nextStep != '' AND deleted = 0 AND contact IS NOT NULL
                """)
            let steps = try Row.fetchCursor(stepStatement), step = StepColumns(stepStatement)
            while try steps.next() != nil {
                guard let raw = step.id(0), let id = step.id(3) else { continue }
                let c = aliases[raw] ?? raw
                let d = step.date(1) ?? CalendarDate(dayNumber: 0)
                if let seen = next[c], (seen.date, seen.id) > (d, id) { continue }
                // The text is read only for a row that wins so far.
                guard let text = step.text(2) else { continue }
                next[c] = (d, id, text)
            }
            var meeting: [RecordID: CalendarDate] = [:]
            let plannedStatement = try db.makeStatement(sql: "SELECT contact, date FROM interaction WHERE status = 'planned' AND deleted = 0 AND date IS NOT NULL")
            let planned = try Row.fetchCursor(plannedStatement), plan = StepColumns(plannedStatement)
            while try planned.next() != nil {
                guard let raw = plan.id(0), let d = plan.date(1) else { continue }
                let c = aliases[raw] ?? raw
                // The next meeting from today on, else the latest past one still planned.
                if let seen = meeting[c] {
                    let better = (d >= today && (seen < today || d < seen)) || (d < today && seen < today && d > seen)
                    if !better { continue }
                }
                meeting[c] = d
            }
            var entries: [BoardEntry] = []
            entries.reserveCapacity(contacts.count)
            var unstaged = 0
            for c in contacts.values {
                guard let stage = c.stage else { unstaged += 1; continue }
                entries.append(BoardEntry(id: c.id, name: c.name, organization: orgs[c.id], stage: stage, voter: c.voter, hasAsk: c.hasAsk,
                                          hasOffer: c.hasOffer, lastTouch: c.lastInteraction, nextStep: next[c.id]?.step,
                                          followUp: open[c.id]?.due, meeting: meeting[c.id]))
            }
            // Each name lowercased once, not in every comparison; positions are sorted, not the
            // entries themselves.
            let names = entries.map { $0.name.lowercased() }
            let order = entries.indices.sorted { i, j in names[i] != names[j] ? names[i] < names[j] : entries[i].id < entries[j].id }
            return (order.map { entries[$0] }, unstaged)
        }
    }

    // MARK: - Pace

    /// Prep and connect minutes of the days `from...to`, as `(day, minutes)` lists for
    /// ``PaceReport/build(from:to:granularity:prep:connect:)``.
    public func paceMinutes(from: CalendarDate, to: CalendarDate, minutes: ConnectMinutes)
        throws -> (prep: [(CalendarDate, Int)], connect: [(CalendarDate, Int)]) {
        try writer.read { db in
            var prep: [(CalendarDate, Int)] = []
            for row in try Row.fetchAll(db, sql: "SELECT date, SUM(MIN(MAX(minutes, \(ConnectMinutes.range.lowerBound)), \(ConnectMinutes.range.upperBound))) AS m FROM prep WHERE deleted = 0 AND date >= ? AND date <= ? GROUP BY date",
                                        arguments: [from.description, to.description]) {
                if let d = Store.wfDate(row["date"]) { prep.append((d, row["m"] ?? 0)) }
            }
            var connect: [(CalendarDate, Int)] = []
            for row in try Row.fetchAll(db, sql: """
                SELECT date, kind, minutes, COUNT(*) AS n FROM interaction
                WHERE deleted = 0 AND date >= ? AND date <= ? AND COALESCE(status, 'done') = 'done'
                GROUP BY date, kind, minutes
                """, arguments: [from.description, to.description]) {
                guard let d = Store.wfDate(row["date"]) else { continue }
                let n: Int = row["n"]
                connect.append((d, n * minutes.minutes(kind: row["kind"], own: row["minutes"])))
            }
            return (prep, connect)
        }
    }

    // MARK: - Hub mix

    /// Each visible hub's mix of set and swing voters, among its members and among the done
    /// interactions (notes left out) of the days `since...today`.
    public func hubMix(since: CalendarDate, today: CalendarDate) throws -> HubMix {
        try writer.read { db in
            let aliases = try Store.survivorMap(db)
            var voters: [RecordID: String?] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, voter FROM contact WHERE deleted = 0 AND survivor IS NULL") {
                if let id = Store.wfID(row["id"]) { voters[id] = .some(row["voter"]) }
            }
            var hubs: [(RecordID, String)] = []
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM hub WHERE deleted = 0") {
                if let id = Store.wfID(row["id"]) { hubs.append((id, row["name"] ?? String(id.hex.prefix(8)))) }
            }
            var members: [(RecordID, RecordID)] = []
            for row in try Row.fetchAll(db, sql: "SELECT hub, contact FROM membership WHERE deleted = 0") {
                if let h = Store.wfID(row["hub"]), let c = Store.wfID(row["contact"]) { members.append((h, aliases[c] ?? c)) }
            }
            var touches: [(RecordID?, RecordID?)] = []
            for row in try Row.fetchAll(db, sql: """
                SELECT contact, hub FROM interaction
                WHERE deleted = 0 AND date >= ? AND date <= ? AND COALESCE(status, 'done') = 'done' AND COALESCE(kind, '') != 'note'
                """, arguments: [since.description, today.description]) {
                let c = Store.wfID(row["contact"]).map { aliases[$0] ?? $0 }
                touches.append((c, Store.wfID(row["hub"])))
            }
            return HubMix.compute(hubs: hubs, members: members, voters: voters, touches: touches)
        }
    }

    // MARK: - Duplicates

    /// Every visible contact as a duplicate candidate.
    public func duplicateCandidates() throws -> [DuplicateFinder.Candidate] {
        try writer.read { db in
            var counts: [RecordID: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT contact, COUNT(*) AS n FROM interaction WHERE deleted = 0 AND contact IS NOT NULL GROUP BY contact") {
                if let id = Store.wfID(row["contact"]) { counts[id] = row["n"] }
            }
            let schema = Schema.contact
            var out: [DuplicateFinder.Candidate] = []
            for row in try Row.fetchAll(db, sql: "SELECT * FROM contact WHERE deleted = 0 AND survivor IS NULL") {
                let r = try Store.decode("contact", row)
                let filled = schema.fields.filter { r.values[$0.name] != nil }.count
                out.append(DuplicateFinder.Candidate(id: r.id, name: r.displayName, emails: r["emails"].texts ?? [], phones: r["phones"].texts ?? [],
                                                     linkedin: r.text("linkedin"), filledFields: filled, interactions: counts[r.id] ?? 0))
            }
            return out
        }
    }

    // MARK: - Reasons

    /// The reason library, each reason with the contacts it was shared with.
    public func reasonUses() throws -> [ReasonUse] {
        try writer.read { db in
            let aliases = try Store.survivorMap(db)
            var names: [RecordID: String] = [:]
            var byReason: [RecordID: Set<RecordID>] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT i.reasonRef AS reason, i.contact AS contact FROM interaction i
                WHERE i.reasonRef IS NOT NULL AND i.contact IS NOT NULL AND i.deleted = 0
                """) {
                guard let r = Store.wfID(row["reason"]), let raw = Store.wfID(row["contact"]) else { continue }
                byReason[r, default: []].insert(aliases[raw] ?? raw)
            }
            let wanted = Set(byReason.values.flatMap { $0 })
            if !wanted.isEmpty {
                for row in try Row.fetchAll(db, sql: "SELECT id, name, deleted FROM contact WHERE survivor IS NULL") {
                    guard let id = Store.wfID(row["id"]), wanted.contains(id), (row["deleted"] as Int64) == 0 else { continue }
                    names[id] = row["name"] ?? String(id.hex.prefix(8))
                }
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM reason WHERE deleted = 0").map { row in
                let r = try Store.decode("reason", row)
                let who = (byReason[r.id] ?? []).compactMap { id in names[id].map { (id: id, name: $0) } }
                    .sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
                return ReasonUse(reason: r, contacts: who)
            }.sorted { ($0.reason.displayName.lowercased(), $0.reason.id) < ($1.reason.displayName.lowercased(), $1.reason.id) }
        }
    }
}
