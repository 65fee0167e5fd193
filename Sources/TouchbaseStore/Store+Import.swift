import Foundation
import GRDB
import TouchbaseCore

/// Bulk import: one file, one Change.
extension Store {
    /// What the database holds, as far as an import needs to know: every contact (hidden ones
    /// too, so a deleted person is not re-created), its tags and hubs, the hubs by name.
    public func importSnapshot(origin: String? = nil) throws -> ImportSnapshot {
        try writer.read { db in
            var contacts: [RecordID: ImportSnapshot.Contact] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM contact") {
                let r = try Store.decode("contact", row)
                contacts[r.id] = ImportSnapshot.Contact(id: r.id, deleted: r.deleted, survivor: r.survivor, values: r.values)
            }
            var tags = Set<RecordID>()
            for data in try Data.fetchAll(db, sql: "SELECT id FROM tag WHERE deleted = 0") {
                if let raw = ID128(bytes: [UInt8](data)) { tags.insert(RecordID(raw)) }
            }
            for row in try Row.fetchAll(db, sql: "SELECT target, tag FROM tagging WHERE deleted = 0") {
                if let t = Store.wfID(row["target"]), let g = Store.wfID(row["tag"]) { contacts[t]?.tags.insert(g) }
            }
            var hubsByName: [String: RecordID] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM hub WHERE deleted = 0 AND name IS NOT NULL ORDER BY id") {
                guard let id = Store.wfID(row["id"]) else { continue }
                let key = (row["name"] as String).lowercased()
                if hubsByName[key] == nil { hubsByName[key] = id }
            }
            for row in try Row.fetchAll(db, sql: "SELECT contact, hub FROM membership WHERE deleted = 0") {
                if let c = Store.wfID(row["contact"]), let h = Store.wfID(row["hub"]) { contacts[c]?.hubs.insert(h) }
            }
            // Tags and hubs of merged duplicates show under their survivor.
            for c in contacts.values {
                guard let s = c.survivor, s != c.id, contacts[s] != nil else { continue }
                contacts[s]!.tags.formUnion(c.tags)
                contacts[s]!.hubs.formUnion(c.hubs)
            }
            // A list in conflict reads as every value of it, so an import adding to it drops none
            // (Protocol/SPEC.md §13, "Multi-valued fields").
            let session = try WriteSession(db)
            for row in try Row.fetchAll(db, sql: """
                SELECT record, field FROM conflict WHERE entity = 'contact' AND kind = 'field' AND field IN ('emails', 'phones', 'urls')
                """) {
                guard let id = Store.wfID(row["record"]), contacts[id] != nil else { continue }
                let field: String = row["field"]
                contacts[id]!.values[field] = .texts(RecordOps.listUnion([try session.register(FieldKey(entity: "contact", record: id, field: field))], field: field))
            }
            if let origin {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM imported WHERE deleted = 0 AND origin = ?", arguments: [origin]) {
                    let r = try Store.decode("imported", row)
                    if let c = r["contact"].ref, contacts[c] != nil, r.id == Schema.importedID(contact: c, origin: origin) {
                        contacts[c]!.imported = Store.importedValues(r)
                    }
                }
            }
            return ImportSnapshot(contacts: contacts, hubsByName: hubsByName, tags: tags)
        }
    }

    /// The contact fields of an `imported` record.
    static func importedValues(_ r: Record) -> [String: Value] {
        r.values.filter { $0.key != "contact" && $0.key != "origin" }
    }

    /// Plans and commits an import of `people` as ONE Change: either every row is written or, if
    /// anything fails, none is.
    ///
    /// - parameters:
    ///   - defaultSource: `source` for new contacts whose row has none.
    ///   - dryRun: plan only, write nothing.
    ///   - willWrite: called with the plan before it is committed (for progress messages).
    /// - Returns: the plan (counts, skipped rows, warnings).
    /// (Large files go through ``importPeople(defaultSource:dryRun:chunks:)``, one Change per chunk.)
    @discardableResult
    public func importPeople(_ people: [ImportPerson], defaultSource: String? = nil, defaults: ImportDefaults = ImportDefaults(),
                             dryRun: Bool = false, willWrite: ((ImportPlan) -> Void)? = nil) throws -> ImportPlan {
        let snapshot = try importSnapshot(origin: defaults.origin)
        let plan = ImportPlanner.plan(people, snapshot: snapshot, defaultSource: defaultSource, defaults: defaults, newID: environment.makeRecordID)
        if !dryRun {
            willWrite?(plan)
            try commit(plan.ops)
        }
        return plan
    }

    /// Every visible contact with its tags, hubs, last interaction and open follow-up, by name:
    /// the rows of `export csv` and `export vcard`.
    public func exportContacts() throws -> [(record: Record, tags: [String], hubs: [String], lastTouch: CalendarDate?, followUp: CalendarDate?)] {
        try writer.read { db in
            let aliases = try Store.survivorMap(db)
            let plan = try Store.planContacts(db, aliases: aliases)
            let open = Dictionary(try Store.openFollowUps(db, through: nil, aliases: aliases, contacts: plan, withNextStep: false).map { ($0.contact, $0) },
                                  uniquingKeysWith: { a, _ in a })
            var tags: [RecordID: Set<String>] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT g.target AS target, t.name AS name FROM tagging g JOIN tag t ON t.id = g.tag
                WHERE g.deleted = 0 AND t.deleted = 0 AND t.name IS NOT NULL
                """) {
                if let raw = Store.wfID(row["target"]) { tags[aliases[raw] ?? raw, default: []].insert(row["name"]) }
            }
            var hubs: [RecordID: Set<String>] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT m.contact AS contact, h.name AS name FROM membership m JOIN hub h ON h.id = m.hub
                WHERE m.deleted = 0 AND h.deleted = 0 AND h.name IS NOT NULL
                """) {
                if let raw = Store.wfID(row["contact"]) { hubs[aliases[raw] ?? raw, default: []].insert(row["name"]) }
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM contact WHERE deleted = 0 AND survivor IS NULL ORDER BY name COLLATE NOCASE, id").map { row in
                let r = try Store.decode("contact", row)
                return (r, (tags[r.id] ?? []).sorted(), (hubs[r.id] ?? []).sorted { $0.lowercased() < $1.lowercased() },
                        plan[r.id]?.lastInteraction, open[r.id]?.due)
            }
        }
    }
}
