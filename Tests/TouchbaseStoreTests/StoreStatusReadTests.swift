import Foundation
import Testing
import TouchbaseCore
@testable import TouchbaseStore
import TouchbaseTestSupport

/// The status refresh reads a record it has not read yet only as far as its `deleted` and
/// `mergedInto` registers (``WriteSession/plainStatusesStored(_:)``, with
/// ``RegisterBlob/decode(_:only:device:)``): records that a batch only points at are settled without
/// decoding the rest, and a deleted or merged one is still found and its status recomputed.
@Suite struct StoreStatusReadTests {
    typealias Spliced = RegisterBlobSpliceTests
    static let ada = Fixtures.record(1), bob = Fixtures.record(2)

    @Test func readingSomeFieldsGivesThoseFieldsOfTheFullRead() throws {
        var rng = SeededGenerator(seed: 0x57A7_05)
        for round in 0..<400 {
            var fields: [String: Register] = [:]
            for name in Spliced.names where Bool.random(using: &rng) || fields.isEmpty { fields[name] = Spliced.randomRegister(&rng) }
            let bytes = try RegisterBlob.encode(fields, index: Spliced.index)
            let wanted = Set(Spliced.names.filter { _ in Bool.random(using: &rng) })
            let some = try RegisterBlob.decode(bytes, only: { wanted.contains($0) }, device: Spliced.device)
            let all = try RegisterBlob.decode(bytes, device: Spliced.device)
            #expect(some == all.filter { wanted.contains($0.key) }, "round \(round), seed 0x57A705")
            let status = try RegisterBlob.decode(bytes, only: { $0 == Merger.deletedField || $0 == Merger.mergedIntoField }, device: Spliced.device)
            #expect(WriteSession.showsPlainStatus(status) == WriteSession.showsPlainStatus(all))
        }
    }

    @Test func aCutShortRowIsAnErrorWhateverFieldsAreWanted() throws {
        for bytes in try RegisterBlobDamageTests.randomRecords(30, seed: 0xC07) {
            for length in 0..<bytes.count {
                #expect(throws: (any Error).self, "cut to \(length) of \(bytes.count)") {
                    try RegisterBlob.decode(Array(bytes[..<length]), only: { $0 == Merger.deletedField }, device: RegisterBlobDamageTests.device)
                }
            }
            #expect(throws: StoreError.self) {
                try RegisterBlob.decode(bytes + [0], only: { _ in false }, device: RegisterBlobDamageTests.device)
            }
        }
    }

    /// A contact deleted on A while B, not having seen the delete, logs a meeting with them: on A,
    /// the batch that brings the meeting touches only the interaction, so the contact is read for
    /// its status alone, and it must come back with a delete-vs-edit conflict.
    @Test func aDeletedRecordABatchOnlyPointsAtIsRecomputed() throws {
        let dir = try TempStores()
        defer { dir.cleanup() }
        let a = try dir.make("a", device: 1), b = try dir.make("b", device: 2)
        try a.commit(RecordOps.put("contact", Self.ada, [("name", .text("Ada")), ("notes", .text("met at PyData"))]))
        try a.commit(RecordOps.put("contact", Self.bob, [("name", .text("Bob"))]))
        try StoreDeleteAndMergeTests.sync([a, b])
        try a.commit(RecordOps.delete("contact", Self.ada))
        dir.clock.advance(milliseconds: 1000)
        try b.commit(RecordOps.put("interaction", Fixtures.record(9), [("contact", .ref(Self.ada)), ("kind", .text("meeting"))]))
        try b.commit(RecordOps.put("interaction", Fixtures.record(10), [("contact", .ref(Self.bob)), ("kind", .text("meeting"))]))
        #expect(try a.apply(try b.changes(of: Fixtures.device(2), after: 0)).waiting.isEmpty)

        #expect(try a.record("contact", id: Self.ada)?.deleted == false, "an edit under it keeps the contact")
        #expect(try a.conflicts().map(\.kind) == [.deleteVsEdit])
        #expect(try a.record("contact", id: Self.bob)?.deleted == false)
        try StoreOracle.expectLogAndRegistersAgree(a)
    }

    /// A merged duplicate that a batch only points at (a meeting logged against it by a device
    /// that had not seen the merge) is read for its status alone and keeps showing under its
    /// survivor as the Core rules say.
    @Test func aMergedRecordABatchOnlyPointsAtIsRecomputed() throws {
        let dir = try TempStores()
        defer { dir.cleanup() }
        let a = try dir.make("a", device: 1), b = try dir.make("b", device: 2)
        try a.commit(RecordOps.put("contact", Self.ada, [("name", .text("Ada"))]))
        try a.commit(RecordOps.put("contact", Self.bob, [("name", .text("Ada L."))]))
        try StoreDeleteAndMergeTests.sync([a, b])
        try a.commit(RecordOps.put("contact", Self.bob, [(Merger.mergedIntoField, .ref(Self.ada))]))
        dir.clock.advance(milliseconds: 1000)
        try b.commit(RecordOps.put("interaction", Fixtures.record(9), [("contact", .ref(Self.bob)), ("kind", .text("meeting"))]))
        #expect(try a.apply(try b.changes(of: Fixtures.device(2), after: 0)).waiting.isEmpty)
        try StoreOracle.expectLogAndRegistersAgree(a)
        try StoreDeleteAndMergeTests.sync([a, b])
        #expect(try StoreOracle.snapshot(a) == (try StoreOracle.snapshot(b)))
    }

    /// Random histories of deletes, merges, restores and meetings on three devices, each device's
    /// Changes applied to the others as one batch: the statuses agree with the Core model.
    @Test func randomBatchesOfLinksAgreeWithTheModel() throws {
        for seed in 0..<12 as Range<UInt64> {
            var rng = SeededGenerator(seed: 0x5747 + seed)
            let dir = try TempStores()
            defer { dir.cleanup() }
            let stores = try (1...3).map { try dir.make("s\($0)", device: UInt64($0)) }
            for _ in 0..<4 {
                for store in stores {
                    for _ in 0..<Int.random(in: 1...4, using: &rng) {
                        try store.commit(StoreOracle.randomOps(using: &rng))
                        dir.clock.advance(milliseconds: 10)
                    }
                }
                // Each device receives the others' new Changes as one batch.
                for store in stores {
                    let theirs = try stores.filter { $0 !== store }.flatMap(StoreOracle.allChanges)
                    #expect(try store.apply(theirs).waiting.isEmpty, "seed \(0x5747 + seed)")
                }
            }
            for store in stores { try StoreOracle.expectLogAndRegistersAgree(store, "seed \(0x5747 + seed)") }
        }
    }
}
