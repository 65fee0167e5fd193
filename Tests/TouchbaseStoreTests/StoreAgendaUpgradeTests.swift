import Foundation
import GRDB
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// A database of the version before the agenda's records merged their changes into its registers
/// and log, without the tables and the hub's stage column. The upgrade's migration shows them.
@Suite struct StoreAgendaUpgradeTests {
    @Test func theUpgradeShowsWhatThePreviousVersionKept() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("old.sqlite").path
        let clock = TestClock()
        let env = StoreEnvironment(now: { clock.now }, makeRecordID: { Fixtures.record(1) }, makeDeviceID: { Fixtures.device(1) })
        let contact = Fixtures.record(12), hub = Fixtures.record(13), change = Fixtures.record(14), gone = Fixtures.record(15)
        let imported = Schema.importedID(contact: contact, origin: "linkedin")
        var a = Replica(device: Fixtures.device(7))
        let changes = [a.commit([Op(entity: "contact", record: contact, field: "name", value: .text("Ben")),
                                 Op(entity: "hub", record: hub, field: "name", value: .text("Founders")),
                                 Op(entity: "hub", record: hub, field: "stage", value: .text("want")),
                                 Op(entity: "imported", record: imported, field: "contact", value: .ref(contact)),
                                 Op(entity: "imported", record: imported, field: "origin", value: .text("linkedin")),
                                 Op(entity: "imported", record: imported, field: "organization", value: .text("Acme")),
                                 Op(entity: "jobChange", record: change, field: "contact", value: .ref(contact)),
                                 Op(entity: "jobChange", record: change, field: "date", value: .date(CalendarDate("2026-01-05")!)),
                                 Op(entity: "jobChange", record: change, field: "organization", value: .text("Northwind")),
                                 Op(entity: "jobChange", record: gone, field: "organization", value: .text("Old"))],
                                wallMilliseconds: clock.now),
                       a.commit([Op(entity: "jobChange", record: gone, field: Merger.deletedField, value: .bool(true))], wallMilliseconds: clock.now + 5)]
        var before: [TouchbaseStore.Record] = []
        do {
            let store = try Store.create(at: path, deviceName: "old", environment: env)
            _ = try store.apply(changes)
            for entity in ["imported", "jobChange", "hub"] {
                var q = RecordQuery(entity: entity)
                q.includeHidden = true
                before += try store.records(q)
            }
        }
        #expect(before.count == 4)
        #expect(before.contains { $0.entity == "hub" && $0.text("stage") == "want" })

        // Back to the previous schema: no tables, no hub stage, the migration not run.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "DROP TABLE imported; DROP TABLE jobChange; ALTER TABLE hub DROP COLUMN stage")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'agenda-v1-hub-stage-imports'")
        }
        try queue.close()

        let upgraded = try Store.open(at: path, environment: env)
        var after: [TouchbaseStore.Record] = []
        for entity in ["imported", "jobChange", "hub"] {
            var q = RecordQuery(entity: entity)
            q.includeHidden = true
            after += try upgraded.records(q)
        }
        #expect(after == before)
        #expect(try upgraded.record("jobChange", id: gone)?.deleted == true)
        #expect(try upgraded.record("imported", id: imported)?.text("organization") == "Acme")
    }
}
