import Foundation
import GRDB

/// Each contact's latest done interaction date, kept in the table `contactLastDone` by triggers on
/// `interaction`: the day's plan, the board and the contact list read one row per contact from it
/// instead of seeking the `interactionDone` index once per contact.
///
/// The table is derived from `interaction`, never synced and never snapshotted. A row holds the
/// greatest `date` of the interactions whose `contact` it names and that are done (not deleted,
/// status `done` or none) and have a date, in SQLite's order (as `MAX(date)` reads it); a contact
/// with none has no row. It is kept as the rows change:
/// - a row that starts to count raises its contact's date when it is later;
/// - a row that stops counting, or moves to another date or contact, makes its old contact's date
///   read again from the index, only when it held that date;
/// - a snapshot load sets the triggers aside with the indexes (``DeferredIndexes``) and fills the
///   table in one pass afterwards (``rebuild(_:)``).
enum ContactLastDone {
    /// The triggers, by name.
    static let triggerNames = ["contactLastDone_insert", "contactLastDone_update", "contactLastDone_delete"]

    /// Whether the row `row` (`NEW` or `OLD`) counts: a done interaction with a contact and a date.
    private static func counts(_ row: String) -> String {
        "\(row).contact IS NOT NULL AND \(row).date IS NOT NULL AND \(row).deleted = 0 AND COALESCE(\(row).status, 'done') = 'done'"
    }

    /// Raises the date of `row`'s contact to `row`'s date when it counts and is later.
    private static func raise(_ row: String) -> String {
        """
        INSERT INTO contactLastDone (contact, date) SELECT \(row).contact, \(row).date WHERE \(counts(row))
            ON CONFLICT (contact) DO UPDATE SET date = excluded.date WHERE excluded.date > contactLastDone.date;
        """
    }

    /// Reads `row`'s contact's date again when `row` counted and held it.
    private static func reread(_ row: String) -> String {
        """
        DELETE FROM contactLastDone WHERE contact = \(row).contact AND date = \(row).date AND \(counts(row));
        INSERT INTO contactLastDone (contact, date)
            SELECT i.contact, i.date FROM interaction i
            WHERE \(counts(row)) AND NOT EXISTS (SELECT 1 FROM contactLastDone WHERE contact = \(row).contact)
              AND i.contact = \(row).contact AND i.date IS NOT NULL AND i.deleted = 0 AND COALESCE(i.status, 'done') = 'done'
            ORDER BY i.date DESC LIMIT 1;
        """
    }

    /// The SQL that makes the triggers.
    static let triggersSQL = """
        CREATE TRIGGER contactLastDone_insert AFTER INSERT ON interaction WHEN \(counts("NEW"))
        BEGIN \(raise("NEW")) END;
        CREATE TRIGGER contactLastDone_update AFTER UPDATE OF contact, date, status, deleted ON interaction
        WHEN OLD.contact IS NOT NEW.contact OR OLD.date IS NOT NEW.date OR OLD.status IS NOT NEW.status OR OLD.deleted IS NOT NEW.deleted
        BEGIN \(reread("OLD")) \(raise("NEW")) END;
        CREATE TRIGGER contactLastDone_delete AFTER DELETE ON interaction WHEN \(counts("OLD"))
        BEGIN \(reread("OLD")) END;
        """

    /// Creates the table and its triggers, and fills it from the interactions there are.
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE contactLastDone (contact BLOB PRIMARY KEY NOT NULL, date) WITHOUT ROWID")
        try db.execute(sql: triggersSQL)
        try rebuild(db)
    }

    /// Fills the table again from `interaction`, in one pass.
    static func rebuild(_ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM contactLastDone;
            INSERT INTO contactLastDone (contact, date)
                SELECT contact, MAX(date) FROM interaction
                WHERE contact IS NOT NULL AND date IS NOT NULL AND deleted = 0 AND COALESCE(status, 'done') = 'done'
                GROUP BY contact;
            """)
    }
}
