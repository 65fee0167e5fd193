import Foundation
import GRDB
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// A database of the version before opportunities: it merged their changes into its registers and
/// its log, without tables for them. The upgrade's migration materializes them, with their
/// conflicts and deletions, as a device that always knew them shows them.
@Suite struct StoreOpportunityUpgradeTests {
    @Test func theUpgradeShowsWhatThePreviousVersionKept() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("old.sqlite").path
        let clock = TestClock()
        let env = StoreEnvironment(now: { clock.now }, makeRecordID: { Fixtures.record(1) }, makeDeviceID: { Fixtures.device(1) })
        let opp = Fixtures.record(10), gone = Fixtures.record(11), contact = Fixtures.record(12)
        let link = Schema.opportunityContactID(opportunity: opp, contact: contact)
        var a = Replica(device: Fixtures.device(7)), b = Replica(device: Fixtures.device(8))
        let first = a.commit([Op(entity: "opportunity", record: opp, field: "role", value: .text("Dev")),
                              Op(entity: "opportunity", record: opp, field: "stage", value: .text("applied")),
                              Op(entity: "opportunity", record: gone, field: "role", value: .text("Old")),
                              Op(entity: "contact", record: contact, field: "name", value: .text("Ben")),
                              Op(entity: "opportunityContact", record: link, field: "opportunity", value: .ref(opp)),
                              Op(entity: "opportunityContact", record: link, field: "contact", value: .ref(contact)),
                              Op(entity: "opportunityContact", record: link, field: "role", value: .text("referrer"))],
                             wallMilliseconds: clock.now)
        _ = b.receive([first])
        let onA = a.commit([Op(entity: "opportunity", record: opp, field: "nextStep", value: .text("call")),
                            Op(entity: "opportunity", record: gone, field: Merger.deletedField, value: .bool(true))], wallMilliseconds: clock.now + 5)
        let onB = b.commit([Op(entity: "opportunity", record: opp, field: "nextStep", value: .text("write"))], wallMilliseconds: clock.now + 6)
        let changes = [first, onA, onB]

        var before: [TouchbaseStore.Record] = []
        var conflictsBefore: [Conflict] = []
        do {
            let store = try Store.create(at: path, deviceName: "old", environment: env)
            _ = try store.apply(changes)
            for entity in ["opportunity", "opportunityContact"] {
                var q = RecordQuery(entity: entity)
                q.includeHidden = true
                before += try store.records(q)
            }
            conflictsBefore = try store.conflicts()
        }
        #expect(before.count == 3)
        #expect(conflictsBefore.map(\.field) == ["nextStep"])

        // Back to the previous schema: no tables for opportunities, the migration not run; the
        // registers, conflicts and log stay as that version kept them.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "DROP TABLE opportunity; DROP TABLE opportunityContact")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'opps-v1-opportunities'")
        }
        try queue.close()

        let upgraded = try Store.open(at: path, environment: env)
        var after: [TouchbaseStore.Record] = []
        for entity in ["opportunity", "opportunityContact"] {
            var q = RecordQuery(entity: entity)
            q.includeHidden = true
            after += try upgraded.records(q)
        }
        #expect(after == before)
        #expect(try upgraded.record("opportunity", id: gone)?.deleted == true)
        #expect(try upgraded.record("opportunity", id: opp)?.text("stage") == "applied")
        #expect(try upgraded.conflicts() == conflictsBefore)
    }
}
