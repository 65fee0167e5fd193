import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// Clock skew of days on one device (DESIGN §3, §6): the hybrid logical clock orders a device's new
/// edits after everything it has seen, so a fast clock does not win forever and a slow one does not
/// lose forever.
@Suite struct ClockSkewSyncTests {
    static let day: Int64 = 86_400_000
    static let minute: Int64 = 60_000

    /// Three devices on one real folder, sharing one real-time clock; each reads it with its skew.
    struct World {
        let temp: TemporaryDirectory
        let clock = TestClock()
        let stores: [Store]
        let folder: SharedFolder

        init(skews: [Int64]) throws {
            temp = try TemporaryDirectory("skew", memory: true)
            let random = SharedRandom(seed: 7)
            folder = SharedFolder(path: try temp.directory("folder").path)
            var stores: [Store] = []
            for (i, skew) in skews.enumerated() {
                let env = SyncTestSupport.environment(clock: clock, skew: skew, random: random)
                stores.append(try Store.create(at: temp.path("s\(i).sqlite"), deviceName: "s\(i)", environment: env))
            }
            self.stores = stores
        }

        @discardableResult
        func sync(_ i: Int) throws -> SyncReport {
            let report = try SyncEngine(store: stores[i], folder: folder).sync()
            #expect(report.identityClash == nil && report.waiting.isEmpty)
            return report
        }

        func syncAll() throws {
            for i in stores.indices { try sync(i) }
            for i in stores.indices { try sync(i) }
        }

        func notes(_ i: Int, _ id: RecordID, _ field: String = "notes") throws -> Value {
            try stores[i].record("contact", id: id)?[field] ?? .null
        }

        /// The highest clock stamp among a device's own Changes.
        func maxHLC(of i: Int) throws -> HLC {
            try stores[i].changes(of: stores[i].device, after: 0).map(\.hlc).max() ?? .zero
        }
    }

    @Test func aClockDaysAheadDoesNotWinForever() throws {
        // s0 runs three days fast.
        let w = try World(skews: [3 * Self.day, 0, 0])
        let x = Fixtures.record(1)
        try w.stores[1].commit(RecordOps.put("contact", x, [("name", .text("Ada Lovelace")), ("notes", .text("first"))]))
        try w.syncAll()

        // Concurrent edits: the fast clock's value is the one displayed (it has the higher stamp) —
        // the conflict is shown on every device, nothing is lost.
        w.clock.advance(milliseconds: Self.minute)
        try w.stores[0].commit(RecordOps.put("contact", x, [("notes", .text("from the future"))]))
        try w.stores[1].commit(RecordOps.put("contact", x, [("notes", .text("from now"))]))
        try w.syncAll()
        for i in w.stores.indices {
            #expect(try w.notes(i, x) == .text("from the future"))
            #expect(try w.stores[i].conflicts().map(\.field) == ["notes"])
        }

        // The fast device has synced the others' edits; now the others edit again, minutes later
        // in real time but still three days behind the fast clock. Their later edits win.
        w.clock.advance(milliseconds: Self.minute)
        try w.stores[1].commit(RecordOps.put("contact", x, [("notes", .text("later, from s1"))]))
        try w.stores[2].commit(RecordOps.put("contact", x, [("role", .text("CTO"))]))
        try w.syncAll()
        for i in w.stores.indices {
            #expect(try w.notes(i, x) == .text("later, from s1"), "device \(i)")
            #expect(try w.notes(i, x, "role") == .text("CTO"), "device \(i)")
            #expect(try w.stores[i].conflicts().isEmpty, "device \(i)")
        }
        // Their stamps moved past the fast clock's: every later edit anywhere orders after it.
        #expect(try w.maxHLC(of: 1) > w.maxHLC(of: 0))
        #expect(try w.maxHLC(of: 2) > w.maxHLC(of: 0))

        // The fast device's next edit comes after s1's in causal order too: no lingering advantage or penalty.
        w.clock.advance(milliseconds: Self.minute)
        try w.stores[0].commit(RecordOps.put("contact", x, [("notes", .text("s0 again"))]))
        try w.syncAll()
        for i in w.stores.indices { #expect(try w.notes(i, x) == .text("s0 again")) }
        let a = try SyncTestSupport.observable(w.stores[0])
        for i in 1..<w.stores.count { #expect(try SyncTestSupport.observable(w.stores[i]) == a) }
    }

    @Test func aClockDaysBehindStillWinsWithEditsMadeAfterSyncing() throws {
        // s0 runs three days slow.
        let w = try World(skews: [-3 * Self.day, 0, 0])
        let x = Fixtures.record(2)
        try w.stores[1].commit(RecordOps.put("contact", x, [("name", .text("Grace Hopper"))]))
        try w.syncAll()

        // s2 edits the role at real time +1 min and does not sync yet.
        w.clock.advance(milliseconds: Self.minute)
        try w.stores[2].commit(RecordOps.put("contact", x, [("role", .text("Admiral"))]))
        // s1 edits something else at +2 min and syncs.
        w.clock.advance(milliseconds: Self.minute)
        try w.stores[1].commit(RecordOps.put("contact", x, [("notes", .text("met at the conference"))]))
        try w.sync(1)
        // The slow device syncs (sees s1's stamp), then edits the role at +3 min real time —
        // its wall clock says three days earlier than s2's edit.
        w.clock.advance(milliseconds: Self.minute)
        try w.sync(0)
        try w.stores[0].commit(RecordOps.put("contact", x, [("role", .text("Rear Admiral"))]))
        try w.syncAll()

        // The two role edits are concurrent: a conflict everywhere, but the one made later in real
        // time is displayed, because the slow device's clock advanced past what it had seen.
        for i in w.stores.indices {
            #expect(try w.notes(i, x, "role") == .text("Rear Admiral"), "device \(i)")
            let conflicts = try w.stores[i].conflicts()
            #expect(conflicts.map(\.field) == ["role"])
            #expect(conflicts.first?.values.map(\.value) == [.text("Rear Admiral"), .text("Admiral")])
        }
        #expect(try w.maxHLC(of: 0) > w.maxHLC(of: 1))
    }
}
