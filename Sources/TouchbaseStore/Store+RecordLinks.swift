import Foundation
import GRDB
import TouchbaseCore

/// A contact's membership of a hub, with both ends read (merged duplicates already followed).
public struct Membership: Hashable, Sendable {
    /// The membership record (its `role`, its id for history).
    public var record: Record
    /// The member (the survivor, when the membership was made on a merged duplicate).
    public var contact: Record
    /// The hub.
    public var hub: Record

    /// The member's role in the hub, if any.
    public var role: String? { record.text("role") }
}

/// A tag and how many visible records carry it.
public struct TagUse: Hashable, Sendable {
    /// The normalized tag name.
    public var name: String
    /// Visible contacts carrying it (a merged duplicate counts as its survivor).
    public var contacts: Int
    /// Visible hubs carrying it.
    public var hubs: Int
}

/// Reads that join records: tags, memberships, and the duplicates merged into a record.
///
/// Reads follow merges: the tags and memberships of a merged duplicate show under its survivor.
extension Store {
    // MARK: - Merged duplicates

    /// The record itself and every record of `entity` merged into it (directly or through a chain).
    public func aliases(of id: RecordID, entity: String) throws -> [RecordID] {
        try writer.read { db in try Store.aliases(of: id, entity: entity, db) }
    }

    static func aliases(of id: RecordID, entity: String, _ db: Database) throws -> [RecordID] {
        guard Schema.entity(entity)?.type(of: Merger.mergedIntoField) != nil else { return [id] }
        let merged = try Data.fetchAll(db, sql: "SELECT id FROM \(StoreMigrations.quoted(entity)) WHERE survivor = ?",
                                       arguments: [id])
        return [id] + merged.compactMap { ID128(bytes: [UInt8]($0)).map(RecordID.init) }
    }

    // MARK: - Tags

    /// The tags on a record (and on the duplicates merged into it), sorted.
    public func tagNames(of id: RecordID, entity: String) throws -> [String] {
        try writer.read { db in
            let ids = try Store.aliases(of: id, entity: entity, db)
            let rows = try String.fetchAll(db, sql: """
                SELECT DISTINCT t.name FROM tagging g JOIN tag t ON t.id = g.tag
                WHERE g.deleted = 0 AND t.name IS NOT NULL AND g.target IN (\(Store.placeholders(ids.count)))
                ORDER BY t.name
                """, arguments: StatementArguments(ids))
            return rows
        }
    }

    /// The tags of every tagged record, keyed by the record they show under (merges followed).
    public func tagNamesByRecord() throws -> [RecordID: [String]] {
        try writer.read { db in
            var out: [RecordID: Set<String>] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT COALESCE(c.survivor, g.target) AS target, t.name AS name FROM tagging g
                JOIN tag t ON t.id = g.tag LEFT JOIN contact c ON c.id = g.target
                WHERE g.deleted = 0 AND t.name IS NOT NULL
                """) {
                if let id = ColumnCoding.recordID(row["target"]) { out[id, default: []].insert(row["name"]) }
            }
            return out.mapValues { $0.sorted() }
        }
    }

    /// Every tag in use on a visible contact or hub, with its counts, by name.
    public func tagUses() throws -> [TagUse] {
        try writer.read { db in
            var uses: [String: TagUse] = [:]
            let contacts = try Row.fetchAll(db, sql: """
                SELECT t.name AS name, COUNT(DISTINCT COALESCE(c.survivor, c.id)) AS n FROM tagging g
                JOIN tag t ON t.id = g.tag JOIN contact c ON c.id = g.target LEFT JOIN contact s ON s.id = c.survivor
                WHERE g.deleted = 0 AND t.name IS NOT NULL AND COALESCE(s.deleted, c.deleted) = 0
                GROUP BY t.name
                """)
            for row in contacts {
                let name: String = row["name"]
                uses[name, default: TagUse(name: name, contacts: 0, hubs: 0)].contacts = row["n"]
            }
            let hubs = try Row.fetchAll(db, sql: """
                SELECT t.name AS name, COUNT(DISTINCT h.id) AS n FROM tagging g
                JOIN tag t ON t.id = g.tag JOIN hub h ON h.id = g.target
                WHERE g.deleted = 0 AND t.name IS NOT NULL AND h.deleted = 0
                GROUP BY t.name
                """)
            for row in hubs {
                let name: String = row["name"]
                uses[name, default: TagUse(name: name, contacts: 0, hubs: 0)].hubs = row["n"]
            }
            return uses.values.sorted { $0.name < $1.name }
        }
    }

    // MARK: - Memberships

    /// The hubs a contact (or a duplicate merged into it) belongs to, by hub name.
    public func memberships(ofContact id: RecordID) throws -> [Membership] {
        try writer.read { db in
            guard let contact = try Store.record("contact", id: id, db) else { return [] }
            let ids = try Store.aliases(of: id, entity: "contact", db)
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM membership WHERE deleted = 0 AND contact IN (\(Store.placeholders(ids.count)))",
                                        arguments: StatementArguments(ids))
            var byHub: [RecordID: Membership] = [:]
            for row in rows {
                let m = try Store.decode("membership", row)
                guard let hubID = m["hub"].ref, let hub = try Store.record("hub", id: hubID, db), !hub.deleted else { continue }
                // The survivor's own membership (or one with a role) wins over a duplicate's.
                if let seen = byHub[hubID], seen.record.values["contact"] == .ref(id) || (seen.role != nil && m.text("role") == nil) { continue }
                byHub[hubID] = Membership(record: m, contact: contact, hub: hub)
            }
            return byHub.values.sorted { ($0.hub.displayName.lowercased(), $0.hub.id) < ($1.hub.displayName.lowercased(), $1.hub.id) }
        }
    }

    /// The visible members of a hub (merged duplicates shown as their survivor), by name.
    public func memberships(ofHub id: RecordID) throws -> [Membership] {
        try writer.read { db in
            guard let hub = try Store.record("hub", id: id, db) else { return [] }
            var byContact: [RecordID: Membership] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM membership WHERE deleted = 0 AND hub = ?", arguments: [id]) {
                let m = try Store.decode("membership", row)
                guard let contactID = m["contact"].ref, var contact = try Store.record("contact", id: contactID, db) else { continue }
                if let s = contact.survivor, let survivor = try Store.record("contact", id: s, db) { contact = survivor }
                guard !contact.deleted else { continue }
                if let seen = byContact[contact.id], seen.record.values["contact"] == .ref(contact.id) || (seen.role != nil && m.text("role") == nil) { continue }
                byContact[contact.id] = Membership(record: m, contact: contact, hub: hub)
            }
            return byContact.values.sorted { ($0.contact.displayName.lowercased(), $0.contact.id) < ($1.contact.displayName.lowercased(), $1.contact.id) }
        }
    }

    /// The number of visible members of every hub that has any.
    public func memberCounts() throws -> [RecordID: Int] {
        try writer.read { db in
            var out: [RecordID: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT m.hub AS hub, COUNT(DISTINCT COALESCE(c.survivor, c.id)) AS n FROM membership m
                JOIN contact c ON c.id = m.contact LEFT JOIN contact s ON s.id = c.survivor
                WHERE m.deleted = 0 AND COALESCE(s.deleted, c.deleted) = 0
                GROUP BY m.hub
                """) {
                if let id = ColumnCoding.recordID(row["hub"]) { out[id] = row["n"] }
            }
            return out
        }
    }

    // MARK: - Related records

    /// The taggings and memberships that point at a record (deleted ones included): the records
    /// whose history belongs to the record's history.
    public func linkedRecords(of id: RecordID) throws -> [RecordKey] {
        try writer.read { db in
            let taggings = try Data.fetchAll(db, sql: "SELECT id FROM tagging WHERE target = ?", arguments: [id])
            let memberships = try Data.fetchAll(db, sql: "SELECT id FROM membership WHERE contact = ? OR hub = ?", arguments: [id, id])
            func keys(_ entity: String, _ ids: [Data]) -> [RecordKey] {
                ids.compactMap { ID128(bytes: [UInt8]($0)) }.map { RecordKey(entity: entity, record: RecordID($0)) }
            }
            return keys("tagging", taggings) + keys("membership", memberships)
        }
    }

    static func placeholders(_ n: Int) -> String { Array(repeating: "?", count: max(n, 1)).joined(separator: ", ") }
}
