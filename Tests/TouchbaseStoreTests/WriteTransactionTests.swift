import Foundation
import GRDB
import GRDBSQLite
import Testing
import TouchbaseCore
@testable import TouchbaseStore
import TouchbaseTestSupport

/// The write transaction of an edit: `BEGIN` and `COMMIT` prepared once per connection, and the
/// rules of a GRDB transaction kept (a failed body rolls back and leaves the connection usable).
@Suite struct WriteTransactionTests {
    /// The SQL of every statement the connection holds prepared.
    static func prepared(_ db: Database) -> [String] {
        var out: [String] = []
        var statement = sqlite3_next_stmt(db.sqliteConnection, nil)
        while let s = statement {
            if let sql = sqlite3_sql(s) { out.append(String(cString: sql)) }
            statement = sqlite3_next_stmt(db.sqliteConnection, s)
        }
        return out
    }

    @Test func editsReuseOneBeginAndOneCommitStatement() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let a = try stores.make("a", device: 1)
        for n in 1...3 as ClosedRange<UInt64> { try a.commit(StoreSingleEditTests.put(n, "notes", "edit \(n)")) }
        let held = try a.writer.writeWithoutTransaction { db in Self.prepared(db) }
        #expect(held.filter { $0 == "BEGIN IMMEDIATE TRANSACTION" }.count == 1)
        #expect(held.filter { $0 == "COMMIT TRANSACTION" }.count == 1)
        #expect(try a.record("contact", id: Fixtures.record(3))?["notes"] == .text("edit 3"))
    }

    @Test func aBodyThatThrowsRollsBackAndTheNextTransactionRuns() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let a = try stores.make("a", device: 1)
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try a.writer.writeWithoutTransaction { db in
                try WriteTransaction.run(db) {
                    try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('probe', 'x')")
                    throw Stop()
                }
            }
        }
        try a.writer.writeWithoutTransaction { db in
            #expect(!db.isInsideTransaction)
            #expect(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'probe'") == nil, "rolled back")
            try WriteTransaction.run(db) { try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('probe', 'y')") }
            #expect(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'probe'") == "y")
        }
    }
}
