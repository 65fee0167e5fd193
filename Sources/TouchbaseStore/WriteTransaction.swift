import GRDB

/// One IMMEDIATE write transaction whose `BEGIN` and `COMMIT` statements are prepared once per
/// connection and kept in its statement cache: a run of single edits does not parse and prepare
/// them again for every edit, as `Database.inTransaction` does.
///
/// It keeps the rules of `Database.inTransaction`: the transaction is rolled back when `body`
/// throws or when the commit fails (unless SQLite rolled it back already), and the first error
/// is the one thrown. Durability is the connection's (`synchronous`), as with any commit.
enum WriteTransaction {
    /// Runs `body` inside `BEGIN IMMEDIATE TRANSACTION` … `COMMIT TRANSACTION` on `db`, which must
    /// not be inside a transaction.
    static func run(_ db: Database, _ body: () throws -> Void) throws {
        try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
        do {
            try body()
            try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
        } catch {
            // `rollback()` runs only while a transaction is open: SQLite may have rolled back
            // already (a failed commit, an I/O error), and a second error would hide the first.
            do { try db.rollback() } catch {}
            throw error
        }
    }
}
