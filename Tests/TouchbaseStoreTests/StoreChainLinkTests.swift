import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// Every local Change carries the links of format 3.0 (Protocol/SPEC.md §3.6): the digest of its
/// device's previous Change and of each Change in its deps, as the log holds them.
@Suite struct StoreChainLinkTests {
    @Test func aLocalChangeLinksToItsPreviousChangeAndItsDeps() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let a = try stores.make("a", device: 1), b = try stores.make("b", device: 2)
        let first = try #require(try a.commit(RecordOps.put("contact", Fixtures.record(1), [("name", .text("Ada"))])))
        #expect(first.prev == nil && first.depDigests.isEmpty, "a first Change has nothing to link")
        let second = try #require(try a.commit(RecordOps.put("contact", Fixtures.record(1), [("organization", .text("X"))])))
        #expect(second.prev == first.digest())
        #expect(try a.changes(of: Fixtures.device(1), after: 1) == [second], "the log keeps the link")

        _ = try b.apply([first, second])
        let onTop = try #require(try b.commit(RecordOps.put("contact", Fixtures.record(1), [("organization", .text("Y"))])))
        #expect(onTop.prev == nil)
        #expect(onTop.depDigests == [Fixtures.device(1): second.digest()])
        let next = try #require(try b.commit(RecordOps.put("contact", Fixtures.record(1), [("notes", .text("n"))])))
        #expect(next.prev == onTop.digest())
        #expect(next.depDigests == [Fixtures.device(1): second.digest()])
    }

    @Test func reKeyedChangesGetAChainOfTheirOwn() throws {
        let stores = try TempStores()
        defer { stores.cleanup() }
        let ids = IDs()
        let env = StoreEnvironment(now: { stores.clock.now },
                                   makeRecordID: { var g = SystemRandomNumberGenerator(); return .random(using: &g) },
                                   makeDeviceID: { ids.next() })
        let a = try Store.create(at: stores.path("a"), deviceName: "a", environment: env)
        for i in 1...3 { try a.commit(RecordOps.put("contact", Fixtures.record(UInt64(i)), [("name", .text("n\(i)"))])) }
        let old = try a.device
        let new = try a.rekey(firstDivergent: 2)
        let moved = try a.changes(of: new, after: 0)
        #expect(moved.count == 2)
        #expect(moved[0].prev == nil)
        #expect(moved[1].prev == moved[0].digest())
        let kept = try a.changes(of: old, after: 0)
        #expect(moved[0].depDigests == [old: kept[0].digest()], "made on the old id's first Change, which stays")
    }
}

/// Device ids 1, 2, 3, … (a re-key needs a new one).
final class IDs: @unchecked Sendable {
    private var n: UInt64 = 0
    private let lock = NSLock()
    func next() -> DeviceID { lock.withLock { n += 1; return Fixtures.device(n) } }
}
