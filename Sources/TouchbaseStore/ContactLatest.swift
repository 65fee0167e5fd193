import Foundation
import GRDB

/// A table that holds, per contact, its latest interaction of one kind, kept by triggers on
/// `interaction`: the day's plan, the board and the contact list read one row per contact from it
/// instead of seeking an index once per contact, or reading every row of the kind.
///
/// Such a table is derived from `interaction`, never synced and never snapshotted. Its row for a
/// contact holds the interaction whose `contact` it names, that ``filter`` accepts, and that is
/// greatest by the ``order`` columns then `id` (a `NULL` in a ``nullable`` column sorting first);
/// a contact with none has no row. The ``carried`` columns are that interaction's. It is kept as
/// the rows change:
/// - a row that is accepted becomes its contact's latest when it is as late or later (as late: the
///   same row, whose carried columns are copied again);
/// - a row that stops being accepted, or moves in the order or to another contact, makes its old
///   contact's latest read again from the interactions, only when it was that latest;
/// - a snapshot load sets the triggers aside with the indexes (``DeferredIndexes``) and fills the
///   table in one pass afterwards (``rebuild(_:)``).
struct ContactLatest: Sendable {
    /// The table's name.
    var table: String
    /// The test a row (`NEW`, `OLD` or `i`) passes to count, besides having a contact.
    var filter: @Sendable (String) -> String
    /// The columns of `interaction` whose changes can change what the filter says.
    var filterColumns: [String]
    /// The columns that order the accepted rows, most significant first (`id` breaks the last tie).
    var order: [String]
    /// The columns of ``order`` that may be `NULL` (sorting before any value).
    var nullable: Set<String> = []
    /// The interaction's columns the table carries besides ``order`` and `id`.
    var carried: [String]
    /// The partial index of `interaction` that holds the accepted rows, which a rebuild reads
    /// (SQLite's own choice for the outreach sorted every outreach row: 0.33 s against 0.06 s for
    /// 100,000 interactions).
    var index: String

    /// Each contact's latest done interaction (not deleted; status `done` or none) with a date.
    static let done = ContactLatest(
        table: "contactLastDone",
        filter: { "\($0).date IS NOT NULL AND \($0).deleted = 0 AND COALESCE(\($0).status, 'done') = 'done'" },
        filterColumns: ["status", "deleted"], order: ["date"], carried: [], index: "interactionDone")

    /// Each contact's latest done outreach (a new touch or a follow-up sent out) with a date, and
    /// the day it was answered.
    static let outreach = ContactLatest(
        table: "contactLastOutreach",
        filter: { "\($0).date IS NOT NULL AND \($0).kind IN ('new-touch', 'follow-up') AND \($0).direction = 'out' AND \($0).deleted = 0 AND COALESCE(\($0).status, 'done') = 'done'" },
        filterColumns: ["kind", "direction", "status", "deleted"], order: ["date"], carried: ["answered"], index: "interactionOutreach")

    /// Each contact's latest follow-up set (not deleted or cancelled): by the day of the
    /// interaction that set it (a day-less one first), then the due date, as
    /// ``TodayPlanner/LatestFollowUps`` picks it.
    static let followUp = ContactLatest(
        table: "contactLastFollowUp",
        filter: { "\($0).followUp IS NOT NULL AND \($0).deleted = 0 AND COALESCE(\($0).status, 'done') != 'cancelled'" },
        filterColumns: ["status", "deleted"], order: ["date", "followUp"], nullable: ["date"], carried: [],
        index: "interactionFollowUpByContact")

    /// Every table kept this way.
    static let all = [done, outreach, followUp]

    /// The names of the triggers that keep the table: insert, update, re-read, delete.
    var triggerNames: [String] { ["insert", "update", "reread", "delete"].map { "\(table)_\($0)" } }

    /// Whether the row `row` counts.
    private func counts(_ row: String) -> String { "\(row).contact IS NOT NULL AND \(filter(row))" }

    /// The stored columns.
    private var stored: [String] { ["contact"] + order + ["id"] + carried }

    /// `row`'s ordering key, most significant first.
    private func key(_ row: String) -> [String] {
        order.map { nullable.contains($0) ? "COALESCE(\(row).\($0), '')" : "\(row).\($0)" } + ["\(row).id"]
    }

    /// Makes `row` its contact's latest when it counts and is as late or later.
    private func raise(_ row: String) -> String {
        let values = stored.map { "\(row).\($0)" }.joined(separator: ", ")
        let updates = stored.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return """
            INSERT INTO \(table) (\(stored.joined(separator: ", "))) SELECT \(values) WHERE \(counts(row))
                ON CONFLICT (contact) DO UPDATE SET \(updates)
                WHERE (\(key("excluded").joined(separator: ", "))) >= (\(key(table).joined(separator: ", ")));
            """
    }

    /// Whether `row` counted and is its contact's latest: the test that lets ``reread(_:)`` run
    /// (one primary-key read), so that the contact's interactions are read only then.
    private func wasLatest(_ row: String) -> String {
        "\(counts(row)) AND EXISTS (SELECT 1 FROM \(table) WHERE contact = \(row).contact AND id = \(row).id)"
    }

    /// Reads `row`'s contact's latest again (`row` was it, and changed or went).
    private func reread(_ row: String) -> String {
        let selected = stored.map { "i.\($0)" }.joined(separator: ", ")
        return """
            DELETE FROM \(table) WHERE contact = \(row).contact;
            INSERT INTO \(table) (\(stored.joined(separator: ", ")))
                SELECT \(selected) FROM interaction i WHERE i.contact = \(row).contact AND \(counts("i"))
                ORDER BY \(key("i").map { "\($0) DESC" }.joined(separator: ", ")) LIMIT 1;
            """
    }

    /// The SQL that makes the triggers. An update that changes a watched column raises the new
    /// row; when the old row was its contact's latest, the contact's latest is read again (in
    /// either order the table ends the same: the read sees the new row).
    var triggersSQL: String {
        let watched = ["contact"] + order + filterColumns.filter { !order.contains($0) } + carried
        let changed = "(" + watched.map { "OLD.\($0) IS NOT NEW.\($0)" }.joined(separator: " OR ") + ")"
        let columns = watched.joined(separator: ", ")
        return """
            CREATE TRIGGER \(triggerNames[0]) AFTER INSERT ON interaction WHEN \(counts("NEW"))
            BEGIN \(raise("NEW")) END;
            CREATE TRIGGER \(triggerNames[1]) AFTER UPDATE OF \(columns) ON interaction WHEN \(changed) AND \(counts("NEW"))
            BEGIN \(raise("NEW")) END;
            CREATE TRIGGER \(triggerNames[2]) AFTER UPDATE OF \(columns) ON interaction WHEN \(changed) AND \(wasLatest("OLD"))
            BEGIN \(reread("OLD")) END;
            CREATE TRIGGER \(triggerNames[3]) AFTER DELETE ON interaction WHEN \(wasLatest("OLD"))
            BEGIN \(reread("OLD")) END;
            """
    }

    /// Makes the triggers again, replacing those of an earlier form (`cli-v2-contact-latest` made
    /// one update trigger that read the old contact's interactions on every change).
    func replaceTriggers(_ db: Database) throws {
        for name in triggerNames { try db.execute(sql: "DROP TRIGGER IF EXISTS \(name)") }
        try db.execute(sql: triggersSQL)
    }

    /// Creates the table and its triggers, and fills it from the interactions there are.
    func migrate(_ db: Database) throws {
        let columns = ["contact BLOB PRIMARY KEY NOT NULL"] + order + ["id BLOB"] + carried
        try db.execute(sql: "CREATE TABLE \(table) (\(columns.joined(separator: ", "))) WITHOUT ROWID")
        try db.execute(sql: triggersSQL)
        try rebuild(db)
    }

    /// Fills the table again from `interaction`: each contact's greatest first ordering column in
    /// one grouped pass, then the greatest rest of the key among the rows of that value, with the
    /// carried columns (a third of the time a window ranking every row took: 0.17 s against 0.57 s
    /// for the latest done of 100,000 interactions).
    func rebuild(_ db: Database) throws {
        let first = key("i")[0], rest = stored.filter { $0 != "contact" && $0 != order[0] }
        // A NULL of a nullable column is grouped as '' (before any value) and stored as NULL again.
        let latest = nullable.contains(order[0]) ? "NULLIF(MAX(\(first)), '')" : "MAX(\(first))"
        try db.execute(sql: """
            DELETE FROM \(table);
            INSERT INTO \(table) (contact, \(order[0])) SELECT i.contact, \(latest) FROM interaction i INDEXED BY \(index)
                WHERE \(counts("i")) GROUP BY i.contact;
            UPDATE \(table) SET (\(rest.joined(separator: ", "))) = (
                SELECT \(rest.map { "i.\($0)" }.joined(separator: ", ")) FROM interaction i
                WHERE i.contact = \(table).contact AND \(first) = \(key(table)[0]) AND \(counts("i"))
                ORDER BY \(key("i").dropFirst().map { "\($0) DESC" }.joined(separator: ", ")) LIMIT 1);
            """)
    }
}
