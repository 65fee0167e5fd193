import Foundation
import Testing
import TouchbaseCore
@testable import TouchbaseStore
import TouchbaseTestSupport

/// The date of each contact's last done interaction, as `contact list`, the day's plan and the
/// board read it from SQL, against the rule computed in Swift over the same random histories:
/// the latest dated interaction that is not deleted and whose status is unset or `done`, as its
/// contact or among the others who were there, counted for the contact it shows under.
@Suite struct StoreLastDoneTests {
    static let today = CalendarDate(year: 2026, month: 3, day: 2)!

    /// One interaction as last written.
    struct Written {
        var contact: RecordID
        var others: [RecordID]
        var date: CalendarDate?
        var status: String?
        var deleted = false
    }

    @Test func lastDoneDatesMatchTheRuleOverRandomHistories() throws {
        let base = SeededGenerator.seed(fallback: 0x1A57_D0DE)
        for n in 0..<12 {
            try check(seed: base &+ UInt64(n))
        }
    }

    func check(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let store = try Store.inMemory()
        let contacts = (0..<40).map { Fixtures.record(UInt64(1 + $0)) }
        var ops: [Op] = []
        for (i, c) in contacts.enumerated() {
            ops += RecordOps.put("contact", c, [("name", .text("C\(i)")), ("stage", .text(["want", "active", "dormant"][i % 3]))])
        }
        try store.commit(ops)
        // Merges one level deep: a duplicate is never a survivor.
        var alias: [RecordID: RecordID] = [:]
        for k in 0..<6 { alias[contacts[2 * k + 1]] = contacts[2 * k] }
        for (dup, survivor) in alias { try store.commit(RecordOps.merge("contact", from: dup, into: survivor)) }

        var written: [RecordID: Written] = [:]
        let statuses: [String?] = [nil, "done", "planned", "cancelled", nil, "done"]
        for k in 0..<300 {
            let id = Fixtures.record(UInt64(1_000 + k))
            let date = Int.random(in: 0..<10, using: &rng) == 0 ? nil : Self.today.adding(days: -Int.random(in: 0..<40, using: &rng))
            let others = Int.random(in: 0..<5, using: &rng) == 0
                ? (0..<Int.random(in: 1...3, using: &rng)).map { _ in contacts.randomElement(using: &rng)! } : []
            let w = Written(contact: contacts.randomElement(using: &rng)!, others: others, date: date,
                            status: statuses.randomElement(using: &rng)!)
            written[id] = w
            try store.commit(RecordOps.put("interaction", id, [
                ("contact", .ref(w.contact)), ("date", w.date.map(Value.date)), ("kind", .text("meeting")),
                ("status", w.status.map(Value.text)), ("others", w.others.isEmpty ? nil : .refs(w.others)),
            ]))
        }
        // Later edits: a status changed, a date cleared, some removed.
        for id in written.keys.sorted().prefix(60) {
            switch Int.random(in: 0..<3, using: &rng) {
            case 0:
                let status = statuses.randomElement(using: &rng)!
                written[id]?.status = status
                try store.commit([Op(entity: "interaction", record: id, field: "status", value: status.map(Value.text) ?? .null)])
            case 1:
                written[id]?.date = nil
                try store.commit([Op(entity: "interaction", record: id, field: "date", value: .null)])
            default:
                written[id]?.deleted = true
                try store.commit(RecordOps.delete("interaction", id))
            }
        }

        // Deleted contacts, hidden from the plan and the board; their last touch is still read.
        for c in contacts.suffix(3) { try store.commit(RecordOps.delete("contact", c)) }

        var expected: [RecordID: CalendarDate] = [:]
        for w in written.values where !w.deleted && (w.status == nil || w.status == "done") {
            guard let d = w.date else { continue }
            for c in [w.contact] + w.others {
                let shown = alias[c] ?? c
                if let seen = expected[shown], seen >= d { continue }
                expected[shown] = d
            }
        }
        #expect(try store.lastInteractionDates() == expected, "seed \(seed)")
        // Shown contacts as the store lists them (a deleted contact an edit still refers to may
        // stay shown: that rule is not this test's).
        let visible = try store.records(RecordQuery(entity: "contact")).map(\.id)
        #expect(visible.allSatisfy { alias[$0] == nil } && visible.count < contacts.count - alias.count, "seed \(seed)")
        let plan = try store.todayInput(today: Self.today).contacts
        #expect(Set(plan.keys) == Set(visible), "seed \(seed)")
        for c in visible {
            #expect(plan[c]?.lastInteraction == expected[c], "seed \(seed): contact \(c.hex)")
        }
        let board = try store.board(today: Self.today).entries
        #expect(board.count == visible.count, "seed \(seed)")
        for e in board {
            #expect(e.lastTouch == expected[e.id], "seed \(seed): contact \(e.id.hex)")
        }
    }
}
