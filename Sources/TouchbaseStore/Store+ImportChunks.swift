import Foundation
import GRDB
import TouchbaseCore

/// Bulk import in chunks, with memory bounded by the chunk rather than by the file or the database.
extension Store {
    /// Imports the people `next` hands over, chunk after chunk until it returns `nil`, as ONE
    /// transaction: either every chunk is written or, if anything fails (`next` included), none is.
    ///
    /// Each chunk is planned against the contacts it can match, read from the database as the
    /// earlier chunks left it, and committed as one Change; a file of a million rows never has more
    /// than one chunk of people, plans or ops in memory. Matching keys (LinkedIn URL, UID, emails)
    /// live in a temporary table for the length of the import.
    ///
    /// - parameters:
    ///   - defaultSource: `source` for new contacts whose row has none.
    ///   - dryRun: plan and apply, then roll everything back.
    ///   - next: the next chunk, `nil` at the end; it may throw to abandon the import.
    /// - Returns: the counts, skipped rows and warnings of all chunks (its `ops` are empty).
    public func importPeople(defaultSource: String? = nil, defaults: ImportDefaults = ImportDefaults(), dryRun: Bool = false,
                             chunks next: () throws -> [ImportPerson]?) throws -> ImportPlan {
        let now = environment.now()
        var total = ImportPlan()
        try writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                var session = try WriteSession(db)
                var memory = ImportPlanner.Memory()
                let keys = try ImportKeys(db)
                while let people = try next() {
                    let snapshot = try keys.snapshot(for: people, origin: defaults.origin)
                    let plan = ImportPlanner.plan(people, snapshot: snapshot, defaultSource: defaultSource, defaults: defaults,
                                                  newID: environment.makeRecordID, memory: &memory)
                    total.created += plan.created
                    total.updated += plan.updated
                    total.unchanged += plan.unchanged
                    total.hubsCreated += plan.hubsCreated
                    total.skipped += plan.skipped
                    total.warnings += plan.warnings
                    total.changes += plan.changes
                    total.jobChanges += plan.jobChanges
                    guard !plan.ops.isEmpty else { continue }
                    for op in plan.ops { try Store.validate(op) }
                    _ = try Store.commitLocal(plan.ops, now: now, in: &session)
                    try keys.add(Set(plan.ops.lazy.filter { $0.entity == "contact" && ImportKeys.keyFields.contains($0.field) }.map(\.record)))
                }
                try keys.drop()
                return dryRun ? .rollback : .commit
            }
        }
        return total
    }
}

/// The import's view of the contact table inside its transaction: a temporary table of matching
/// keys (`l:` LinkedIn URL, `u:` UID, `e:` email, lowercased as the planner compares them) to the
/// contact that holds them, first holder winning as in ``ImportPlanner`` (visible contacts before
/// hidden ones, then by id), and the partial snapshots the planner needs for one chunk.
struct ImportKeys {
    /// The contact fields that hold matching keys.
    static let keyFields: Set<String> = ["linkedin", "emails", "uid"]
    /// How many ids go into one `IN (…)` list.
    static let batch = 400

    let db: Database

    /// Creates the key table from every contact (deleted and merged ones included).
    init(_ db: Database) throws {
        self.db = db
        try db.execute(sql: "DROP TABLE IF EXISTS temp.importKey")
        try db.execute(sql: "CREATE TEMP TABLE importKey (key TEXT PRIMARY KEY, id BLOB NOT NULL) WITHOUT ROWID")
        let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO temp.importKey (key, id) VALUES (?, ?)")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, deleted, survivor, linkedin, emails, uid FROM contact
            ORDER BY (deleted != 0 OR (survivor IS NOT NULL AND survivor != id)), id
            """)
        while let row = try rows.next() {
            let r = try Store.decode("contact", row)
            for key in ImportPlanner.matchingKeys(of: r.values) { try insert.execute(arguments: [key, r.id]) }
        }
    }

    /// Adds the keys of contacts a chunk created or changed (keys already held keep their holder).
    func add(_ ids: Set<RecordID>) throws {
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO temp.importKey (key, id) VALUES (?, ?)")
        for c in try contacts(Array(ids)) {
            for key in ImportPlanner.matchingKeys(of: c.values) { try insert.execute(arguments: [key, c.id]) }
        }
    }

    func drop() throws { try db.execute(sql: "DROP TABLE IF EXISTS temp.importKey") }

    /// What the planner needs for `people`: every contact they can match and the survivors of
    /// those, with tags and hubs (a merged duplicate's under its survivor), and every hub and tag.
    func snapshot(for people: [ImportPerson], origin: String? = nil) throws -> ImportSnapshot {
        var wanted = Set<RecordID>()
        var keys: [String] = []
        for p in people {
            if let id = p.id { wanted.insert(id) }
            if let l = p.linkedin { wanted.insert(Schema.linkedinContactID(l)) }
            keys += ImportPlanner.matchingKeys(of: p)
        }
        for start in stride(from: 0, to: keys.count, by: ImportKeys.batch) {
            let slice = Array(keys[start..<min(keys.count, start + ImportKeys.batch)])
            let sql = "SELECT id FROM temp.importKey WHERE key IN (\(Array(repeating: "?", count: slice.count).joined(separator: ",")))"
            for value in try DatabaseValue.fetchAll(db, sql: sql, arguments: StatementArguments(slice)) {
                if let id = ColumnCoding.recordID(value) { wanted.insert(id) }
            }
        }
        var snapshot = ImportSnapshot()
        // The contacts, then their survivors (merge chains are short; the planner follows 64 hops).
        var pending = Array(wanted)
        for _ in 0...64 where !pending.isEmpty {
            let found = try contacts(pending)
            pending = []
            for c in found where snapshot.contacts[c.id] == nil {
                snapshot.contacts[c.id] = c
                if let s = c.survivor, s != c.id, snapshot.contacts[s] == nil { pending.append(s) }
            }
        }
        // Tags and hubs: each contact's own, and a merged duplicate's under its survivor too.
        var survivorOf: [RecordID: RecordID] = [:]
        for c in snapshot.contacts.values { if let s = c.survivor, s != c.id { survivorOf[c.id] = s } }
        try forEachBatch(Array(snapshot.contacts.keys)) { ids, marks in
            for row in try Row.fetchAll(db, sql: "SELECT id, survivor FROM contact WHERE survivor IN (\(marks)) AND survivor != id", arguments: ids) {
                if let d = ColumnCoding.recordID(row["id"]), let s = ColumnCoding.recordID(row["survivor"]) { survivorOf[d] = s }
            }
        }
        let owners = Array(Set(snapshot.contacts.keys).union(survivorOf.keys))
        try forEachBatch(owners) { ids, marks in
            for row in try Row.fetchAll(db, sql: "SELECT target, tag FROM tagging WHERE deleted = 0 AND target IN (\(marks))", arguments: ids) {
                guard let t = Store.wfID(row["target"]), let g = Store.wfID(row["tag"]) else { continue }
                snapshot.contacts[t]?.tags.insert(g)
                if let s = survivorOf[t] { snapshot.contacts[s]?.tags.insert(g) }
            }
            for row in try Row.fetchAll(db, sql: "SELECT contact, hub FROM membership WHERE deleted = 0 AND contact IN (\(marks))", arguments: ids) {
                guard let c = Store.wfID(row["contact"]), let h = Store.wfID(row["hub"]) else { continue }
                snapshot.contacts[c]?.hubs.insert(h)
                if let s = survivorOf[c] { snapshot.contacts[s]?.hubs.insert(h) }
            }
        }
        // What the previous import from the same source wrote on each of them.
        if let origin {
            let ids = snapshot.contacts.keys.map { Schema.importedID(contact: $0, origin: origin) }
            try forEachBatch(ids) { args, marks in
                for row in try Row.fetchAll(db, sql: "SELECT * FROM imported WHERE deleted = 0 AND id IN (\(marks))", arguments: args) {
                    let r = try Store.decode("imported", row)
                    if let c = r["contact"].ref { snapshot.contacts[c]?.imported = Store.importedValues(r) }
                }
            }
        }
        for data in try Data.fetchAll(db, sql: "SELECT id FROM tag WHERE deleted = 0") {
            if let raw = ID128(bytes: [UInt8](data)) { snapshot.tags.insert(RecordID(raw)) }
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM hub WHERE deleted = 0 AND name IS NOT NULL ORDER BY id") {
            guard let id = Store.wfID(row["id"]) else { continue }
            let key = (row["name"] as String).lowercased()
            if snapshot.hubsByName[key] == nil { snapshot.hubsByName[key] = id }
        }
        return snapshot
    }

    /// The contacts among `ids` that exist.
    func contacts(_ ids: [RecordID]) throws -> [ImportSnapshot.Contact] {
        var out: [ImportSnapshot.Contact] = []
        try forEachBatch(ids) { args, sql in
            for row in try Row.fetchAll(db, sql: "SELECT * FROM contact WHERE id IN (\(sql))", arguments: args) {
                let r = try Store.decode("contact", row)
                out.append(ImportSnapshot.Contact(id: r.id, deleted: r.deleted, survivor: r.survivor, values: r.values))
            }
        }
        return out
    }

    /// Runs `body` on `ids` in batches, with their arguments and the matching `?,?,…` list.
    func forEachBatch(_ ids: [RecordID], _ body: (StatementArguments, String) throws -> Void) throws {
        for start in stride(from: 0, to: ids.count, by: ImportKeys.batch) {
            let slice = ids[start..<min(ids.count, start + ImportKeys.batch)]
            try body(StatementArguments(slice), Array(repeating: "?", count: slice.count).joined(separator: ","))
        }
    }
}
