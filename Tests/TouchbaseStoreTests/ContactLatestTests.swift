import Foundation
import GRDB
import Testing
import TouchbaseCore
@testable import TouchbaseStore
import TouchbaseTestSupport

/// The tables of each contact's latest done interaction and latest outreach, kept by triggers,
/// always hold what the interactions give: after local edits of every kind (a date moved either
/// way, a status, kind, direction or answer changed, a contact changed, a delete and a restore),
/// after another device's Changes are applied, after a snapshot load (which sets the triggers
/// aside) and after an upgrade (which fills them from the rows there are).
@Suite struct ContactLatestTests {
    static let today = CalendarDate(year: 2026, month: 3, day: 2)!

    /// Each table's rows as it holds them, and as the interactions give them: for each contact,
    /// the accepted interaction that no other accepted one of the contact passes in the table's
    /// order, then by id (written here as pairwise comparisons, unlike the triggers and the
    /// table's rebuild).
    static func tableAndTruth(_ store: Store) throws -> (table: [[String]], truth: [[String]]) {
        try store.read { db in
            var table: [[String]] = [], truth: [[String]] = []
            for latest in ContactLatest.all {
                let columns = ["contact"] + latest.order + ["id"] + latest.carried
                func rows(_ sql: String) throws -> [[String]] {
                    try Row.fetchAll(db, sql: sql).map { row in
                        [latest.table] + (0..<columns.count).map { k -> String in
                            let value: DatabaseValue = row[k]
                            guard case .blob(let bytes) = value.storage else { return "\(value)" }
                            return bytes.map { String(format: "%02x", $0) }.joined()
                        }
                    }
                }
                let accepted = { (r: String) in "\(r).contact IS NOT NULL AND \(latest.filter(r))" }
                // j passes i: greater in the first column where they differ (NULL first).
                let keys = latest.order.map { c in latest.nullable.contains(c) ? "COALESCE(%.\(c), '')" : "%.\(c)" } + ["%.id"]
                let passes = keys.indices.map { k in
                    (keys[..<k].map { "\($0.replacingOccurrences(of: "%", with: "j")) = \($0.replacingOccurrences(of: "%", with: "i"))" }
                        + ["\(keys[k].replacingOccurrences(of: "%", with: "j")) > \(keys[k].replacingOccurrences(of: "%", with: "i"))"])
                        .joined(separator: " AND ")
                }.map { "(\($0))" }.joined(separator: " OR ")
                table += try rows("SELECT \(columns.joined(separator: ", ")) FROM \(latest.table) ORDER BY contact")
                truth += try rows("""
                    SELECT \(columns.map { "i." + $0 }.joined(separator: ", ")) FROM interaction i
                    WHERE \(accepted("i")) AND NOT EXISTS (
                        SELECT 1 FROM interaction j WHERE j.contact = i.contact AND \(accepted("j")) AND (\(passes)))
                    ORDER BY i.contact
                    """)
            }
            return (table, truth)
        }
    }

    static func expectKept(_ store: Store, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (table, truth) = try tableAndTruth(store)
        #expect(table == truth, "\(context): \(table.count) rows kept, \(truth.count) from the interactions", sourceLocation: sourceLocation)
    }

    /// A random edit of one of `interactions`: a new one, or a field of an existing one changed.
    static func randomEdit<G: RandomNumberGenerator>(_ interactions: inout [RecordID], contacts: [RecordID], next: inout UInt64,
                                                    using rng: inout G) -> [Op] {
        let statuses: [Value] = [.null, .text("done"), .text("planned"), .text("cancelled")]
        let kinds: [Value] = [.text("new-touch"), .text("follow-up"), .text("meeting"), .text("reply")]
        let directions: [Value] = [.text("out"), .text("in"), .null]
        func date() -> Value {
            Int.random(in: 0..<8, using: &rng) == 0 ? .null : .date(today.adding(days: -Int.random(in: 0..<30, using: &rng)))
        }
        if interactions.isEmpty || Int.random(in: 0..<3, using: &rng) == 0 {
            let id = Fixtures.record(next)
            next += 1
            interactions.append(id)
            return RecordOps.put("interaction", id, [
                ("contact", .ref(contacts.randomElement(using: &rng)!)), ("date", date()), ("kind", kinds.randomElement(using: &rng)!),
                ("direction", directions.randomElement(using: &rng)!), ("status", statuses.randomElement(using: &rng)!),
                ("followUp", Bool.random(using: &rng) ? date() : .null),
            ])
        }
        let id = interactions.randomElement(using: &rng)!
        switch Int.random(in: 0..<11, using: &rng) {
        case 9: return [Op(entity: "interaction", record: id, field: "followUp", value: date())]
        case 10: return [Op(entity: "interaction", record: id, field: "followUp", value: .null)]
        case 6: return [Op(entity: "interaction", record: id, field: "kind", value: kinds.randomElement(using: &rng)!)]
        case 7: return [Op(entity: "interaction", record: id, field: "direction", value: directions.randomElement(using: &rng)!)]
        case 8: return [Op(entity: "interaction", record: id, field: "answered", value: date())]
        case 0: return [Op(entity: "interaction", record: id, field: "date", value: date())]
        case 1: return [Op(entity: "interaction", record: id, field: "status", value: statuses.randomElement(using: &rng)!)]
        case 2: return [Op(entity: "interaction", record: id, field: "contact", value: .ref(contacts.randomElement(using: &rng)!))]
        case 3: return [Op(entity: "interaction", record: id, field: "contact", value: .null)]
        case 4: return RecordOps.delete("interaction", id)
        default: return RecordOps.restore("interaction", id)
        }
    }

    @Test func theTableFollowsEditsAppliesAndASnapshotLoad() throws {
        let base = SeededGenerator.seed(fallback: 0x1A57_D0DF)
        for n in 0..<4 {
            try check(seed: base &+ UInt64(n))
        }
    }

    func check(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let stores = try TempStores()
        defer { stores.cleanup() }
        let a = try stores.make("a", device: 1), b = try stores.make("b", device: 2)
        let contacts = (0..<8).map { Fixtures.record(UInt64(1 + $0)) }
        var interactions: [RecordID] = []
        var next: UInt64 = 1_000
        for step in 0..<160 {
            let store = step % 4 == 3 ? b : a
            try store.commit(Self.randomEdit(&interactions, contacts: contacts, next: &next, using: &rng))
            try Self.expectKept(store, "seed \(seed), step \(step)")
            stores.clock.advance(milliseconds: 3)
        }
        // Each applies the other's Changes: concurrent edits of one field resolve by the merge
        // rule, and the table follows what the rows become.
        _ = try a.apply(StoreOracle.allChanges(b))
        _ = try b.apply(StoreOracle.allChanges(a))
        try Self.expectKept(a, "seed \(seed), a after apply")
        try Self.expectKept(b, "seed \(seed), b after apply")
        #expect(try Self.tableAndTruth(a).table == Self.tableAndTruth(b).table, "seed \(seed)")

        // A new device loads a's snapshot: the triggers are set aside for the load and the table
        // is filled once; later edits are followed again.
        var parts: [[SnapshotRecord]] = []
        let info = try a.dumpSnapshot(partBytes: 600) { parts.append($0) }
        let fresh = try stores.make("fresh", device: 3)
        var iterator = parts.makeIterator()
        try fresh.loadSnapshot(info) { iterator.next() }
        try Self.expectKept(fresh, "seed \(seed), after the load")
        #expect(try Self.tableAndTruth(fresh).table == Self.tableAndTruth(a).table, "seed \(seed)")
        for step in 0..<40 {
            try fresh.commit(Self.randomEdit(&interactions, contacts: contacts, next: &next, using: &rng))
            try Self.expectKept(fresh, "seed \(seed), after the load, step \(step)")
        }
    }

    /// The open follow-ups read through the table are those the rule picks from every follow-up
    /// there is (``TodayPlanner/openFollowUps(_:contacts:)`` over all rows due by the day), for days
    /// before, at and after the follow-ups' due dates, and with no day: a contact whose latest
    /// follow-up is due after the day gets the latest of those due by it.
    @Test func openFollowUpsThroughTheTableAreThoseOfEveryRow() throws {
        let base = SeededGenerator.seed(fallback: 0xF011_0A)
        for n in 0..<3 {
            let seed = base &+ UInt64(n)
            var rng = SeededGenerator(seed: seed)
            let store = try Store.inMemory()
            let contacts = (0..<12).map { Fixtures.record(UInt64(1 + $0)) }
            for (k, c) in contacts.enumerated() { try store.commit(RecordOps.put("contact", c, [("name", .text("C\(k)"))])) }
            try store.commit(RecordOps.merge("contact", from: contacts[1], into: contacts[0]))
            var interactions: [RecordID] = []
            var next: UInt64 = 500
            for _ in 0..<250 {
                var ops = Self.randomEdit(&interactions, contacts: contacts, next: &next, using: &rng)
                // Follow-ups due on both sides of the days asked below.
                if Bool.random(using: &rng), let id = interactions.randomElement(using: &rng) {
                    ops.append(Op(entity: "interaction", record: id, field: "followUp",
                                  value: .date(Self.today.adding(days: Int.random(in: -20..<20, using: &rng)))))
                }
                try store.commit(ops)
            }
            try store.read { db in
                let aliases = try Store.survivorMap(db)
                let visible = try Store.planContacts(db, aliases: aliases)
                var every: [PlanFollowUp] = []
                for row in try Row.fetchAll(db, sql: """
                    SELECT id, contact, followUp, date FROM interaction
                    WHERE followUp IS NOT NULL AND contact IS NOT NULL AND deleted = 0 AND COALESCE(status, 'done') != 'cancelled'
                    """) {
                    guard let id = Store.wfID(row[0]), let raw = Store.wfID(row[1]), let due = Store.wfDate(row[2]) else { continue }
                    every.append(PlanFollowUp(interaction: id, contact: aliases[raw] ?? raw, due: due, setOn: Store.wfDate(row[3])))
                }
                #expect(every.count > 20, "seed \(seed)")
                for day in [Self.today.adding(days: -25), Self.today.adding(days: -8), Self.today, Self.today.adding(days: 9), nil] {
                    let expected = TodayPlanner.openFollowUps(every.filter { day == nil || $0.due <= day! }, contacts: visible)
                    let read = try Store.openFollowUpsByContact(db, through: day, aliases: aliases, contacts: visible)
                    #expect(read == expected, "seed \(seed), day \(day?.description ?? "none"): \(read.count) read, \(expected.count) expected")
                }
            }
        }
    }

    @Test func anUpgradedDatabaseFillsTheTableFromItsRows() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        var rng = SeededGenerator(seed: SeededGenerator.seed(fallback: 0x1A57))
        let contacts = (0..<5).map { Fixtures.record(UInt64(1 + $0)) }
        var interactions: [RecordID] = []
        var next: UInt64 = 100
        let environment: StoreEnvironment
        do {
            let a = try stores.make("a", device: 1)
            for _ in 0..<60 { try a.commit(Self.randomEdit(&interactions, contacts: contacts, next: &next, using: &rng)) }
            environment = a.environment
        }
        // Back to the schema before migrations `cli-v2-contact-latest` and `cli-v3-contact-latest-follow-up`.
        do {
            let queue = try DatabaseQueue(path: stores.path("a"))
            defer { try? queue.close() }
            try queue.write { db in
                for latest in ContactLatest.all {
                    for name in latest.triggerNames { try db.execute(sql: "DROP TRIGGER \(name)") }
                    try db.execute(sql: "DROP TABLE \(latest.table)")
                }
                try db.execute(sql: "DROP INDEX interactionFollowUpByContact")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier IN ('cli-v2-contact-latest', 'cli-v3-contact-latest-follow-up')")
            }
        }
        let upgraded = try Store.open(at: stores.path("a"), environment: environment)
        let (table, truth) = try Self.tableAndTruth(upgraded)
        #expect(!truth.isEmpty)
        #expect(table == truth)
        for _ in 0..<20 { try upgraded.commit(Self.randomEdit(&interactions, contacts: contacts, next: &next, using: &rng)) }
        try Self.expectKept(upgraded, "after the upgrade")
    }
}
