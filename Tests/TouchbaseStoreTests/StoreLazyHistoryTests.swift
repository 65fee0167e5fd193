import Foundation
import GRDB
import Testing
import TouchbaseCore
@testable import TouchbaseStore
import TouchbaseTestSupport

/// The history index is kept lazily (Store+HistoryIndex): writes skip it and readers bring it up to
/// date first. A record's history must list exactly the Changes of the log that touched it, and
/// the count of compacted ones must stay exact, whatever ran between two reads: local edits,
/// applied batches, compaction, a re-key and a re-seed.
@Suite struct StoreLazyHistoryTests {
    /// One history entry as compared: the Change, its stamp and its puts on the record.
    struct Entry: Equatable, CustomStringConvertible {
        var dot: Dot
        var hlc: HLC
        var ops: [Op]
        var description: String { "\(dot)@\(hlc.raw)\(ops.map(\.value))" }
    }

    /// Expects `history(of:)` of each record to be the Changes of the log (read back whole, not
    /// through the index) that touched it, in stamp order.
    static func expectHistoryMatchesLog(_ store: Store, _ records: [RecordID], _ context: String,
                                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        let log = try StoreOracle.allChanges(store)
        for record in records {
            let got = try store.history(of: record)
            #expect(got.map(\.hlc) == got.map(\.hlc).sorted(), "\(context): history out of stamp order", sourceLocation: sourceLocation)
            let order: (Entry, Entry) -> Bool = { ($0.hlc, $0.dot.device, $0.dot.seq) < ($1.hlc, $1.dot.device, $1.dot.seq) }
            let shown = got.map { Entry(dot: $0.dot, hlc: $0.hlc, ops: $0.ops) }.sorted(by: order)
            let want = log.filter { $0.ops.contains { $0.record == record } }
                .map { Entry(dot: $0.dot, hlc: $0.hlc, ops: $0.ops.filter { $0.record == record }) }.sorted(by: order)
            #expect(shown == want, "\(context): history of \(record)", sourceLocation: sourceLocation)
        }
    }

    @Test func historyStaysExactAcrossEveryWritePath() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let a = try stores.make("a", device: 1), c = try stores.make("c", device: 3)
        // b re-keys: its second device id is another one.
        let ids = Calls()
        let clock = stores.clock
        let b = try Store.create(at: stores.path("b"), deviceName: "b", environment: StoreEnvironment(
            now: { clock.now }, makeRecordID: { Fixtures.record(99) }, makeDeviceID: { Fixtures.device(ids.next() == 0 ? 2 : 0x22) }))
        let x = Fixtures.record(1), y = Fixtures.record(2)
        let records = [x, y, Fixtures.record(3)]
        func edit(_ store: Store, _ record: RecordID, _ text: String) throws {
            try store.commit([Op(entity: "contact", record: record, field: "name", value: .text(text))])
            stores.clock.advance(milliseconds: 7)
        }
        func send(_ from: Store, to: Store) throws {
            let report = try to.apply(StoreOracle.allChanges(from))
            #expect(report.waiting.isEmpty)
        }

        // Local edits and an applied batch; read; more of both; read again.
        try edit(a, x, "A1")
        try edit(a, y, "A2")
        try edit(b, x, "B1")
        try send(b, to: a)
        try Self.expectHistoryMatchesLog(a, records, "first read")
        try Self.expectHistoryMatchesLog(b, records, "first read on b")
        try edit(a, x, "A3")
        try edit(b, x, "B2")
        try edit(b, y, "B3")
        try send(b, to: a)
        try edit(a, x, "A4")
        try Self.expectHistoryMatchesLog(a, records, "after more edits and an apply")
        try send(a, to: c)
        try Self.expectHistoryMatchesLog(c, records, "a batch of two devices")
        try edit(c, x, "C1")
        try send(b, to: c)
        try Self.expectHistoryMatchesLog(c, records, "after an own edit")

        // Compaction of Changes made after the last read: they stay counted.
        try edit(a, x, "A5")
        try edit(a, y, "A5y")
        try edit(a, x, "A6")
        try edit(a, y, "A6y")
        let before = try StoreOracle.allChanges(a)
        #expect(try a.compactLog(through: a.version()) > 0)
        let kept = Set(try StoreOracle.allChanges(a).map(\.dot))
        for record in records {
            let gone = before.filter { !kept.contains($0.dot) && $0.ops.contains { $0.record == record } }.count
            #expect(try a.compactedHistory(of: record) == gone, "compacted history of \(record)")
        }
        #expect(try a.compactedHistory(of: x) >= 4)
        try Self.expectHistoryMatchesLog(a, records, "after compaction")
        try edit(a, x, "A7")
        try Self.expectHistoryMatchesLog(a, records, "an edit after compaction")

        // A re-key replays the log: the Changes it keeps and those it re-issues all show.
        try edit(b, y, "B4")
        let newB = try b.rekey(firstDivergent: 2)
        try edit(b, x, "B5")
        try Self.expectHistoryMatchesLog(b, records, "after a re-key")
        #expect(try b.history(of: x).contains { $0.dot.device == newB })
        #expect(try b.history(of: x).contains { $0.dot == Dot(device: Fixtures.device(2), seq: 1) })

        // A re-seed keeps the log's Changes the snapshot does not cover.
        try edit(c, y, "C2")
        try Self.expectHistoryMatchesLog(c, records, "before the re-seed")
        try edit(c, x, "C3")
        var parts: [[SnapshotRecord]] = []
        let info = try a.dumpSnapshot(partBytes: 1 << 20) { parts.append($0) }
        var next = parts.makeIterator()
        #expect(try c.reseed(info) { next.next() } >= 3)
        try Self.expectHistoryMatchesLog(c, records, "after the re-seed")
        #expect(try c.history(of: x).contains { $0.dot == Dot(device: Fixtures.device(3), seq: 1) })
        try edit(c, x, "C4")
        try Self.expectHistoryMatchesLog(c, records, "an edit after the re-seed")
        try StoreOracle.expectLogAndRegistersAgree(b)
    }

    /// Counts calls, from 0.
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0

        func next() -> Int {
            lock.withLock {
                defer { count += 1 }
                return count
            }
        }
    }
}
