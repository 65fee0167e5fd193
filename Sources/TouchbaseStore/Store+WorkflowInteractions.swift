import Foundation
import GRDB
import TouchbaseCore

/// What a listing of interactions selects (see ``Store/interactionRecords(_:)``).
public struct InteractionQuery: Hashable, Sendable {
    /// Interactions with any of these contacts: as the interaction's contact or among the others
    /// who were there (pass a contact and the duplicates merged into it).
    public var people: [RecordID]?
    /// Interactions held at this hub.
    public var hub: RecordID?
    /// Of this kind (`meeting`, `new-touch`, …).
    public var kind: String?
    /// With this status; an interaction without one counts as `done`.
    public var status: String?
    /// On or after this day.
    public var since: CalendarDate?
    /// On or before this day.
    public var until: CalendarDate?
    /// Deleted interactions too (and those hidden with a deleted contact).
    public var includeDeleted = false
    /// At most this many, newest first.
    public var limit: Int?

    /// A query selecting every visible interaction.
    public init() {}
}

/// Reads of interactions as records: the log, a contact's timeline, a hub's interactions, and
/// an interaction found by the start of its id.
extension Store {
    /// The interactions a query selects, newest first (by date, then time, then id). An
    /// interaction whose contact (or the contact it was merged into) is deleted is hidden with it
    /// unless `includeDeleted`.
    public func interactionRecords(_ q: InteractionQuery) throws -> [Record] {
        var conditions: [String] = []
        var args: [DatabaseValueConvertible?] = []
        if !q.includeDeleted {
            conditions.append("""
                i.deleted = 0 AND (i.contact IS NULL OR NOT EXISTS (SELECT 1 FROM contact c LEFT JOIN contact s ON s.id = c.survivor
                                                                  WHERE c.id = i.contact AND (c.deleted = 1 OR s.deleted = 1)))
                """)
        }
        if let people = q.people {
            guard !people.isEmpty else { return [] }
            var either = ["i.contact IN (\(Store.placeholders(people.count)))"]
            args += people.map { Store.wfBlob($0) as DatabaseValueConvertible? }
            for p in people {
                either.append("(i.others IS NOT NULL AND instr(i.others, ?) > 0)")
                args.append("\"\(p.hex)\"")
            }
            conditions.append("(" + either.joined(separator: " OR ") + ")")
        }
        if let hub = q.hub { conditions.append("i.hub = ?"); args.append(Store.wfBlob(hub)) }
        if let kind = q.kind { conditions.append("i.kind = ?"); args.append(kind) }
        if let status = q.status { conditions.append("COALESCE(i.status, 'done') = ?"); args.append(status) }
        if let since = q.since { conditions.append("i.date >= ?"); args.append(since.description) }
        if let until = q.until { conditions.append("i.date <= ?"); args.append(until.description) }
        var sql = "SELECT i.* FROM interaction i"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY i.date IS NULL, i.date DESC, i.time IS NULL, i.time DESC, i.id"
        if let limit = q.limit { sql += " LIMIT \(max(0, limit))" }
        return try writer.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { try Store.decode("interaction", $0) }
        }
    }

    /// The interactions whose id starts with `hexPrefix` (lowercase hex digits), deleted ones
    /// included, at most `limit`.
    public func interactionRecords(idPrefix hexPrefix: String, limit: Int = 20) throws -> [Record] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM interaction WHERE lower(hex(id)) LIKE ? ORDER BY date DESC, id LIMIT ?",
                             arguments: [hexPrefix + "%", limit]).map { try Store.decode("interaction", $0) }
        }
    }

    /// Every contact's name and the contact it was merged into, by id (deleted ones included).
    public func contactNames() throws -> [RecordID: (name: String, survivor: RecordID?)] {
        try writer.read { db in
            var out: [RecordID: (name: String, survivor: RecordID?)] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT id, name, survivor FROM contact")
            while let row = try rows.next() {
                guard let id = Store.wfID(row[0]) else { continue }
                out[id] = ((row[1] as String?) ?? String(id.hex.prefix(8)), Store.wfID(row[2]))
            }
            return out
        }
    }

    /// The latest meeting of these contacts (a contact and its merged duplicates) that is done,
    /// dated from `from` through `through`, or `nil`.
    public func latestDoneMeeting(of ids: [RecordID], from: CalendarDate, through: CalendarDate) throws -> Record? {
        try writer.read { db in
            let list = Store.inList(ids)
            return try Row.fetchOne(db, sql: """
                SELECT * FROM interaction WHERE deleted = 0 AND contact IN (\(list.sql))
                AND kind IN ('meeting', 'informational', 'event') AND COALESCE(status, 'done') = 'done' AND date >= ? AND date <= ?
                ORDER BY date DESC, time DESC, id LIMIT 1
                """, arguments: list.args + [from.description, through.description]).map { try Store.decode("interaction", $0) }
        }
    }

    /// The latest outreach to a contact (or its merged duplicates) still waiting for an answer.
    public func waitingOutreach(of ids: [RecordID]) throws -> RecordID? {
        try writer.read { db in
            let list = Store.inList(ids)
            guard let row = try Row.fetchOne(db, sql: """
                SELECT id, answered FROM interaction WHERE deleted = 0 AND contact IN (\(list.sql))
                AND kind IN ('new-touch', 'follow-up') AND direction = 'out' AND COALESCE(status, 'done') = 'done'
                ORDER BY date DESC, time DESC, id DESC LIMIT 1
                """, arguments: list.args), (row["answered"] as String?) == nil else { return nil }
            return Store.wfID(row["id"])
        }
    }
}
