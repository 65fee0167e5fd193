import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// `Workspace.contactTable`, the rows of the `contact list` table, against `contactList`, the
/// contacts with every field, over random contacts (empty texts, missing fields, merged
/// duplicates, deleted contacts, tags, interactions) and every kind of filter: the same contacts
/// in the same order, with the same values.
@Suite struct ContactTableTests {
    @Test func theTableRowsAreTheListsContactsOverRandomData() throws {
        let base = SeededGenerator.seed(fallback: 0x7AB1E)
        for n in 0..<4 {
            try check(seed: base &+ UInt64(n))
        }
    }

    func check(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let f = try KitFixture()
        defer { f.cleanup() }
        let kit = try f.make()
        let ids = (0..<60).map { Fixtures.record(UInt64(100 + $0)) }
        let texts: [String?] = [nil, "", "Ada", "ada", "Ben Okri", "Zoë", "  ", "Northwind"]
        var ops: [Op] = []
        for id in ids {
            func pick(_ options: [String?]) -> Value? { options.randomElement(using: &rng)!.map(Value.text) }
            ops += RecordOps.put("contact", id, [
                ("name", pick(texts)), ("organization", pick(texts)), ("stage", pick([nil, "want", "active", "docket"])),
                ("voter", pick([nil, "swing", "set"])), ("ask", pick([nil, "", "an intro"])), ("offer", pick([nil, "", "a review"])),
                ("notes", pick(texts)),
            ])
            if Bool.random(using: &rng) { ops += RecordOps.tag(id, ["mentor", "warm"].randomElement(using: &rng)!) }
        }
        for k in 0..<80 {
            ops += RecordOps.put("interaction", Fixtures.record(UInt64(1_000 + k)), [
                ("contact", .ref(ids.randomElement(using: &rng)!)), ("kind", .text("meeting")),
                ("date", .date(CalendarDate(year: 2026, month: 2, day: Int.random(in: 1...28, using: &rng))!)),
                ("status", [nil, "done", "planned"].randomElement(using: &rng)!.map(Value.text)),
            ])
        }
        try kit.store.commit(ops)
        for k in 0..<4 { try kit.store.commit(RecordOps.merge("contact", from: ids[2 * k + 1], into: ids[2 * k])) }
        for id in ids.suffix(4) { try kit.store.commit(RecordOps.delete("contact", id)) }

        var filters: [ContactFilter] = [ContactFilter()]
        var all = ContactFilter()
        all.includeHidden = true
        filters.append(all)
        var staged = ContactFilter()
        staged.stage = .active
        filters.append(staged)
        var tagged = ContactFilter()
        tagged.tag = "mentor"
        filters.append(tagged)
        var searched = ContactFilter()
        searched.text = "ada"
        filters.append(searched)
        for filter in filters {
            let rows = try kit.contactTable(filter)
            let items = try kit.contactList(filter, tags: false)
            #expect(rows.map(\.id) == items.map(\.contact.id), "seed \(seed), filter \(filter)")
            for (row, item) in zip(rows, items) {
                let c = item.contact
                #expect(row.displayName == c.name, "seed \(seed)")
                #expect(row.organization == c.organization && row.stage == c.text("stage") && row.voter == c.text("voter"), "seed \(seed)")
                #expect(row.hasAsk == (c.ask != nil) && row.hasOffer == (c.offer != nil), "seed \(seed)")
                #expect(row.deleted == c.isDeleted && row.survivor == c.mergedInto, "seed \(seed)")
                #expect(row.lastTouch == item.lastTouch, "seed \(seed)")
            }
        }
    }
}
