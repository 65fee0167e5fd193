import Foundation
import GRDB
import Testing
import TouchbaseCore
@testable import TouchbaseStore
import TouchbaseTestSupport

/// A database of the version that indexed every Change's records as it was written (before
/// migration `apply-v1-history-marks`) upgrades with its index taken as complete: nothing is
/// indexed again, every history and compacted count reads the same, and later Changes show.
@Suite struct StoreHistoryMarksUpgradeTests {
    /// Turns a database of the current schema back into the previous one: the index complete, no
    /// marks, the migration not run.
    static func downgrade(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        try queue.write { db in
            try Store.indexHistory(db)
            try db.execute(sql: "DROP TABLE historyMark")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'apply-v1-history-marks'")
        }
    }

    @Test func anUpgradedDatabaseKeepsEveryHistory() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let records = (1...3).map { Fixtures.record(UInt64($0)) }
        let history: [[HistoryEntry]], compacted: [Int], environment: StoreEnvironment
        do {
            let a = try stores.make("a", device: 1), b = try stores.make("b", device: 2)
            for step in 0..<12 {
                let store = step % 3 == 0 ? b : a
                try store.commit([Op(entity: "contact", record: records[step % records.count], field: "notes", value: .text("step \(step)"))])
                stores.clock.advance(milliseconds: 5)
            }
            _ = try a.apply(StoreOracle.allChanges(b))
            try a.compactLog(through: VersionVector([Fixtures.device(1): 4, Fixtures.device(2): 2]))
            try a.commit([Op(entity: "contact", record: records[0], field: "name", value: .text("after compaction"))])
            history = try records.map { try a.history(of: $0) }
            compacted = try records.map { try a.compactedHistory(of: $0) }
            environment = a.environment
        }
        #expect(compacted.reduce(0, +) > 0)
        try Self.downgrade(stores.path("a"))

        let upgraded = try Store.open(at: stores.path("a"), environment: environment)
        #expect(try upgraded.read { try Store.historyIndexIsCurrent($0) }, "the old index is complete: nothing to index again")
        #expect(try records.map { try upgraded.history(of: $0) } == history)
        #expect(try records.map { try upgraded.compactedHistory(of: $0) } == compacted)
        let later = try #require(try upgraded.commit([Op(entity: "contact", record: records[1], field: "name", value: .text("later"))]))
        #expect(try upgraded.history(of: records[1]).last?.dot == later.dot)
        try StoreLazyHistoryTests.expectHistoryMatchesLog(upgraded, records, "upgraded")
    }
}
