import GRDB
import TouchbaseCore

/// The database schema, as migrations with permanent identifiers: a shipped migration is never
/// renamed or edited; a new field means a new migration.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-log") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
                CREATE TABLE device (
                    idx INTEGER PRIMARY KEY,
                    id BLOB NOT NULL UNIQUE,
                    name TEXT,
                    maxSeq INTEGER NOT NULL DEFAULT 0,
                    lastSeen INTEGER,
                    ack BLOB);
                CREATE TABLE change (
                    dev INTEGER NOT NULL,
                    seq INTEGER NOT NULL,
                    hlc INTEGER NOT NULL,
                    data BLOB NOT NULL,
                    PRIMARY KEY (dev, seq)) WITHOUT ROWID;
                CREATE TABLE register (
                    record BLOB NOT NULL,
                    field TEXT NOT NULL,
                    entity TEXT NOT NULL,
                    dev INTEGER NOT NULL,
                    seq INTEGER NOT NULL,
                    hlc INTEGER NOT NULL,
                    value BLOB NOT NULL,
                    PRIMARY KEY (record, entity, field, dev)) WITHOUT ROWID;
                CREATE TABLE recordChange (
                    record BLOB NOT NULL,
                    dev INTEGER NOT NULL,
                    seq INTEGER NOT NULL,
                    PRIMARY KEY (record, dev, seq)) WITHOUT ROWID;
                CREATE TABLE conflict (
                    record BLOB NOT NULL,
                    entity TEXT NOT NULL,
                    field TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    PRIMARY KEY (record, entity, field, kind)) WITHOUT ROWID;
                """)
        }
        m.registerMigration("v1-entities") { db in
            for entity in v1Entities {
                try db.execute(sql: createTableSQL(entity, excluding: addedAfterV1[entity.name] ?? []))
            }
            try db.execute(sql: """
                CREATE INDEX contactName ON contact(name COLLATE NOCASE);
                CREATE INDEX contactSurvivor ON contact(survivor) WHERE survivor IS NOT NULL;
                CREATE INDEX interactionContact ON interaction(contact, date);
                CREATE INDEX interactionDate ON interaction(date);
                CREATE INDEX interactionFollowUp ON interaction(followUp) WHERE followUp IS NOT NULL;
                CREATE INDEX membershipHub ON membership(hub);
                CREATE INDEX membershipContact ON membership(contact);
                CREATE INDEX taggingTarget ON tagging(target);
                CREATE INDEX taggingTag ON tagging(tag);
                CREATE INDEX hubName ON hub(name COLLATE NOCASE);
                CREATE INDEX prepDate ON prep(date);
                """)
        }
        m.registerMigration("v2-workflow-indexes") { db in
            // `interaction.minutes` (connect time) arrived after v1 (see `addedAfterV1`). The check
            // keeps databases made by pre-release builds, whose v1 already had it, migrating.
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(interaction)").map { $0["name"] as String }
            if !columns.contains("minutes") { try db.execute(sql: "ALTER TABLE interaction ADD COLUMN minutes INTEGER") }
            // Covering (mostly partial) indexes for `today`, `board`, `pace` and `export`: the
            // latest done interaction per contact, new touches per day, open follow-ups, the latest
            // outreach per contact, planned meetings, reasons shared, others met.
            try db.execute(sql: """
                CREATE INDEX IF NOT EXISTS interactionDone ON interaction(contact, date, status, deleted)
                    WHERE deleted = 0 AND COALESCE(status, 'done') = 'done';
                CREATE INDEX IF NOT EXISTS interactionKindDate ON interaction(kind, date, status, deleted);
                CREATE INDEX IF NOT EXISTS interactionFollowUpOpen ON interaction(followUp, contact, date, status, deleted)
                    WHERE followUp IS NOT NULL AND deleted = 0 AND COALESCE(status, 'done') != 'cancelled';
                CREATE INDEX IF NOT EXISTS interactionOutreach ON interaction(contact, date, answered, kind, direction, status, deleted)
                    WHERE kind IN ('new-touch', 'follow-up') AND direction = 'out' AND deleted = 0 AND COALESCE(status, 'done') = 'done';
                CREATE INDEX IF NOT EXISTS interactionPlanned ON interaction(date, deleted) WHERE status = 'planned';
                CREATE INDEX IF NOT EXISTS interactionReason ON interaction(contact, reasonRef, deleted) WHERE reasonRef IS NOT NULL;
                CREATE INDEX IF NOT EXISTS interactionOthers ON interaction(date, others, status, deleted)
                    WHERE others IS NOT NULL AND deleted = 0 AND COALESCE(status, 'done') = 'done';
                CREATE INDEX IF NOT EXISTS contactStage ON contact(stage);
                """)
        }
        m.registerMigration("v3-device-keys") { db in
            // The public key pinned for each device (Protocol/SPEC.md, "Pinned keys"), with the last
            // accepted rotation and the last refused key, so that key changes stay visible.
            try db.execute(sql: """
                CREATE TABLE deviceKey (
                    device BLOB PRIMARY KEY NOT NULL,
                    publicKey BLOB NOT NULL,
                    pinnedAt INTEGER NOT NULL,
                    previousKey BLOB,
                    rotatedAt INTEGER,
                    refusedKey BLOB,
                    refusedAt INTEGER) WITHOUT ROWID;
                """)
        }
        m.registerMigration("v4-search", migrate: SearchIndex.migrate)
        m.registerMigration("v5-author-signatures") { db in
            // What other devices signed for the files this device read (Protocol/SPEC.md §4.4), so
            // that it can relay their content unaltered once the folder lacks it (§11.2).
            try db.execute(sql: """
                CREATE TABLE authorSignature (
                    device BLOB NOT NULL,
                    kind INTEGER NOT NULL,
                    first INTEGER NOT NULL,
                    last INTEGER NOT NULL,
                    major INTEGER NOT NULL,
                    minor INTEGER NOT NULL,
                    payloadLength INTEGER NOT NULL,
                    signer BLOB NOT NULL,
                    signature BLOB NOT NULL,
                    payload BLOB,
                    PRIMARY KEY (device, kind, first, last)) WITHOUT ROWID;
                """)
        }
        m.registerMigration("opps-v1-opportunities", migrate: StoreMigrations.addOpportunities)
        m.registerMigration("agenda-v1-hub-stage-imports", migrate: StoreMigrations.addAgendaRecords)
        m.registerMigration("heal-v1-fork-heals") { db in
            // Healed forks and the Changes healing moved (Protocol/SPEC.md §3.6, "Healing").
            try db.execute(sql: """
                CREATE TABLE forkHeal (
                    device BLOB NOT NULL,
                    seq INTEGER NOT NULL,
                    renamed BLOB NOT NULL,
                    base BLOB NOT NULL,
                    PRIMARY KEY (device, seq, renamed)) WITHOUT ROWID;
                CREATE TABLE forkMoved (
                    original BLOB PRIMARY KEY NOT NULL,
                    device BLOB NOT NULL,
                    seq INTEGER NOT NULL,
                    digest BLOB NOT NULL) WITHOUT ROWID;
                """)
        }
        m.registerMigration("snap-v1-snapshot-dots") { db in
            // What a snapshot this database was seeded from said about Changes its log lacks
            // (Protocol/SPEC.md §7.6): the causal past of deletes and merges, and each device's
            // last covered digest, for the merge rules and the chain checks.
            try db.execute(sql: """
                CREATE TABLE snapshotDot (
                    device BLOB NOT NULL,
                    seq INTEGER NOT NULL,
                    past BLOB,
                    digest BLOB,
                    PRIMARY KEY (device, seq)) WITHOUT ROWID;
                """)
        }
        m.registerMigration("perf-v2-record-registers", migrate: StoreMigrations.packRegisters)
        m.registerMigration("heal-v2-fork-originals") { db in
            // The originals of the Changes healing moved, to heal again from them when a fork
            // point is learned out of order (Protocol/SPEC.md §3.6, "Healing").
            try db.execute(sql: """
                CREATE TABLE forkOriginal (
                    original BLOB PRIMARY KEY NOT NULL,
                    data BLOB NOT NULL) WITHOUT ROWID;
                CREATE INDEX forkMovedPlace ON forkMoved (device, seq);
                """)
        }
        m.registerMigration("apply-v1-history-marks") { db in
            // The record ↔ Change index is kept lazily from here on (Store+HistoryIndex): each
            // device's mark says up to which sequence number the index holds its log rows. An
            // older database indexed every row as it wrote it: its marks are its log's heads.
            try db.execute(sql: """
                CREATE TABLE historyMark (dev INTEGER PRIMARY KEY NOT NULL, seq INTEGER NOT NULL);
                INSERT INTO historyMark (dev, seq) SELECT dev, max(seq) FROM change GROUP BY dev;
                """)
        }
        m.registerMigration("edit-v1-device-clock", migrate: StoreMigrations.moveClockToDeviceRow)
        m.registerMigration("cli-v1-read-indexes") { db in
            // The day's plan and the board read each contact's tag cadence from the few tags that
            // have one: their taggings by tag, with the target and the deleted flag in the index.
            // The board reads each contact's latest next step from the interactions that have one,
            // and the day's plan the birthdays from the contacts that have one, without reading
            // the other rows.
            try db.execute(sql: """
                CREATE INDEX taggingTagTarget ON tagging(tag, deleted, target);
                CREATE INDEX interactionNextStep ON interaction(contact, date, nextStep, deleted)
                    WHERE nextStep IS NOT NULL AND nextStep != '' AND deleted = 0;
                CREATE INDEX contactBirthday ON contact(birthday, deleted, survivor) WHERE birthday IS NOT NULL;
                """)
        }
        // Each contact's latest done interaction and latest outreach, kept by triggers
        // (ContactLatest): the day's plan, the board and the contact list read them instead of
        // seeking an index per contact.
        m.registerMigration("cli-v2-contact-latest") { db in
            for table in [ContactLatest.done, ContactLatest.outreach] { try table.migrate(db) }
        }
        // Each contact's latest follow-up set, kept the same way: the day's plan and the board read
        // it instead of every follow-up there is. The two tables of `cli-v2` get the triggers of
        // today's form, which read a contact's interactions only when its latest changed.
        // A contact's open follow-ups by due date (covering): the follow-ups due by a day of a
        // contact whose latest is due after it, one range each.
        m.registerMigration("cli-v3-contact-latest-follow-up") { db in
            for table in [ContactLatest.done, ContactLatest.outreach] { try table.replaceTriggers(db) }
            try db.execute(sql: """
                CREATE INDEX interactionFollowUpByContact ON interaction(contact, followUp, date, status, deleted)
                    WHERE followUp IS NOT NULL AND deleted = 0 AND COALESCE(status, 'done') != 'cancelled'
                """)
            try ContactLatest.followUp.migrate(db)
        }
        return m
    }

    /// Fields added to the schema after migration `v1-entities`, by entity. A new field goes here
    /// AND into a new migration that adds its column, so `v1-entities` creates the same tables
    /// forever (its identifier is permanent).
    static let addedAfterV1: [String: Set<String>] = ["interaction": ["minutes"], "hub": ["stage"]]
    /// Entities added to the schema after migration `v1-entities`; each has its own migration.
    static let entitiesAfterV1: Set<String> = Set(Schema.opportunityEntities.map(\.name)).union(["imported", "jobChange"])

    /// The tables of migration `v1-entities`.
    static var v1Entities: [EntitySchema] { Schema.all.filter { !entitiesAfterV1.contains($0.name) } }

    static func createTableSQL(_ entity: EntitySchema, excluding later: Set<String>) -> String {
        var columns = ["id BLOB PRIMARY KEY NOT NULL"]
        for (name, type) in entity.fields where name != Merger.deletedField && !later.contains(name) {
            columns.append("\(quoted(name)) \(ColumnCoding.sqlType(type))")
        }
        columns.append("deleted INTEGER NOT NULL DEFAULT 0")
        if entity.type(of: Merger.mergedIntoField) != nil { columns.append("survivor BLOB") }
        return "CREATE TABLE \(quoted(entity.name)) (\(columns.joined(separator: ", "))) WITHOUT ROWID"
    }

    static func quoted(_ identifier: String) -> String { "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
