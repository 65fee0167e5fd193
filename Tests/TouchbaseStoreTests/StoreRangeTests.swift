import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// Integers from the folder or from another device at the edge of their range: unsigned clock
/// stamps, the far-future stamp policy, synced minutes and `seenAt` (SPEC §7.4, §13, "Value rules").
@Suite struct StoreRangeTests {
    final class Home {
        let dir: URL
        let clock: TestClock
        let store: Store

        init(now: UInt64 = 1_767_603_600_000) throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("tb-range-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            clock = TestClock(milliseconds: now)
            let env = StoreEnvironment(now: { [clock] in clock.now }, makeRecordID: { Fixtures.record(100) },
                                       makeDeviceID: { Fixtures.device(1) })
            store = try Store.create(at: dir.appendingPathComponent("s.sqlite").path, deviceName: "s", environment: env)
        }

        deinit { try? FileManager.default.removeItem(at: dir) }
    }

    static let remote = Fixtures.device(9)

    static func change(_ seq: UInt64, ms: UInt64, _ ops: [Op]) -> Change {
        Change(device: remote, seq: seq, hlc: HLC(milliseconds: ms, counter: 0), deps: VersionVector(), ops: ops)
    }

    @Test func aForgedFarFutureStampDoesNotDragTheLocalClock() throws {
        let h = try Home()
        let x = Fixtures.record(1)
        let forged = Self.change(1, ms: (1 << 47) - 1, RecordOps.put("contact", x, [("notes", .text("forged"))]))
        #expect(try h.store.apply([forged]).applied == [forged.dot])
        let local = try #require(try h.store.commit(RecordOps.put("contact", Fixtures.record(2), [("name", .text("Ada"))])))
        #expect(local.hlc.milliseconds <= h.clock.now + HybridClock.maxLeadMilliseconds)
        // The forged Change keeps its stamp as written: merge order is the same on every device.
        #expect(try h.store.changes(of: Self.remote, after: 0).first?.hlc == forged.hlc)
    }

    @Test func stampsAbove2To63AdvanceTheClockAndSortLast() throws {
        // A wall clock in the year 6429 (2^47 ms), so that a stamp within the lead is ≥ 2^63.
        let wall: UInt64 = 1 << 47
        let h = try Home(now: wall)
        let x = Fixtures.record(3)
        let high = Self.change(1, ms: wall + 60_000, RecordOps.put("contact", x, [("name", .text("High"))]))
        let low = Self.change(2, ms: 1_767_603_600_000, RecordOps.put("contact", x, [("notes", .text("low"))]))
        #expect(high.hlc.raw >= 1 << 63)
        #expect(try h.store.apply([high, low]).applied.count == 2)
        let local = try #require(try h.store.commit(RecordOps.put("contact", x, [("role", .text("local"))])))
        #expect(local.hlc > high.hlc, "the clock advanced past a stamp ≥ 2^63")
        // History lists by stamp as u64: the low stamp first, the ≥ 2^63 ones after it.
        #expect(try h.store.history(of: x).map(\.dot.seq) == [2, 1, 1])
        #expect(try h.store.history(of: x).map(\.hlc) == [low.hlc, high.hlc, local.hlc])
    }

    @Test func seenAtBeyondInt64IsClampedNotTrapped() throws {
        let h = try Home()
        for seenAt in [UInt64(1) << 63, .max] {
            try h.store.noteDevice(Self.remote, seenAt: seenAt)
            #expect(try h.store.devices().first { $0.id == Self.remote }?.lastSeen == WallTime.maxMilliseconds)
        }
    }

    @Test func paceClampsSyncedMinutesInsteadOfOverflowing() throws {
        let h = try Home()
        let day = CalendarDate(year: 2026, month: 1, day: 5)!
        var ops: [Op] = []
        for n in UInt64(1)...2 {
            ops += RecordOps.put("interaction", Fixtures.record(10 + n), [("date", .date(day)), ("kind", .text("meeting")),
                                                                         ("status", .text("done")), ("minutes", .int(.max))])
            ops += RecordOps.put("prep", Fixtures.record(20 + n), [("date", .date(day)), ("what", .text("research")), ("minutes", .int(.max))])
        }
        // As another device would send them: applied, not committed through local validation.
        _ = try h.store.apply([Self.change(1, ms: 1_767_603_600_000, ops)])
        let data = try h.store.paceMinutes(from: day, to: day, minutes: ConnectMinutes())
        let report = PaceReport.build(from: day, to: day, granularity: .day, prep: data.prep, connect: data.connect)
        #expect(report.prep == 2 * 1440)
        #expect(report.connect == 2 * 1440)
    }
}
