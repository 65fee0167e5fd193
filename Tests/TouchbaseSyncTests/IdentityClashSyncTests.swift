import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// A copied database (DESIGN §3 "Device"): the copy that syncs second refuses to publish, and the
/// re-key it offers keeps every edit of both copies.
@Suite struct IdentityClashSyncTests {
    /// The copies split after seq 2. The original makes `originalEdits` more Changes and publishes
    /// them as ONE file; the copy makes `copyEdits` different ones and syncs second.
    @Test(arguments: [(3, 1), (3, 2), (1, 1), (1, 3), (2, 2)])
    func theClashStartsWhereTheCopiesDivergeAndRekeyLosesNothing(originalEdits: Int, copyEdits: Int) throws {
        let temp = try TemporaryDirectory("clash", memory: true)
        let clock = TestClock(), random = SharedRandom(seed: UInt64(originalEdits * 10 + copyEdits))
        let folder = SharedFolder(path: try temp.directory("folder").path)
        let env = SyncTestSupport.environment(clock: clock, random: random)
        let original = try Store.create(at: temp.path("original.sqlite"), deviceName: "laptop", environment: env)
        let other = try Store.create(at: temp.path("other.sqlite"), deviceName: "desktop", environment: env)
        for n in 1...2 { try original.commit(RecordOps.put("contact", Fixtures.record(UInt64(n)), [("name", .text("Shared \(n)"))])) }
        _ = try SyncEngine(store: original, folder: folder).sync()

        // Copy the database while nothing has it open.
        let copyPath = temp.path("copy.sqlite")
        try FileManager.default.copyItem(atPath: original.path, toPath: copyPath)
        for suffix in ["-wal"] where FileManager.default.fileExists(atPath: original.path + suffix) {
            try FileManager.default.copyItem(atPath: original.path + suffix, toPath: copyPath + suffix)
        }
        let copy = try Store.open(at: copyPath, environment: env)
        #expect(try copy.device == original.device)

        for n in 1...originalEdits { try original.commit(RecordOps.put("contact", Fixtures.record(UInt64(10 + n)), [("name", .text("Original \(n)"))])) }
        for n in 1...copyEdits { try copy.commit(RecordOps.put("contact", Fixtures.record(UInt64(20 + n)), [("name", .text("Copy \(n)"))])) }
        try other.commit(RecordOps.put("contact", Fixtures.record(30), [("name", .text("Other"))]))
        let published = try SyncEngine(store: original, folder: folder).sync()
        #expect(published.published == originalEdits)
        _ = try SyncEngine(store: other, folder: folder).sync()

        // The copy has no signing key of its own (only the database was copied): it cannot sign as
        // the id's key and is re-keyed by its user (a copied home, key included, heals instead).
        let refused = try SyncEngine(store: copy, folder: folder).sync()
        let clash = try #require(refused.identityClash)
        #expect(clash.firstDivergent == 3, "the copies diverge at seq 3")
        #expect(refused.published == 0 && refused.healed.isEmpty)
        #expect(refused.imported == [try other.device: 1], "other devices' changes are still imported")

        let newID = try SyncEngine(store: copy, folder: folder).rekey()
        #expect(newID != (try original.device))
        for _ in 0..<2 {
            for store in [copy, original, other] {
                let r = try SyncEngine(store: store, folder: folder).sync()
                #expect(r.identityClash == nil && r.waiting.isEmpty)
            }
        }
        let expected = try SyncTestSupport.observable(original)
        for store in [copy, other] { #expect(try SyncTestSupport.observable(store) == expected) }
        let names = Set(expected.records.compactMap { $0.text("name") })
        let wanted = Set((1...2).map { "Shared \($0)" } + (1...originalEdits).map { "Original \($0)" } + (1...copyEdits).map { "Copy \($0)" } + ["Other"])
        #expect(names == wanted)
        for store in [copy, original, other] { _ = try SyncTestSupport.changeLog(store) }
    }
}

extension IdentityClashSyncTests {
    /// `device rekey` killed right after the database's re-key transaction committed, before the
    /// sync bookkeeping was reset: the next syncs must still publish everything under the new id.
    @Test func aRekeyInterruptedAfterTheDatabaseCommitLosesNothing() throws {
        let temp = try TemporaryDirectory("rekey-kill", memory: true)
        let clock = TestClock(), random = SharedRandom(seed: 99)
        let folder = SharedFolder(path: try temp.directory("folder").path)
        let env = SyncTestSupport.environment(clock: clock, random: random)
        let original = try Store.create(at: temp.path("original.sqlite"), deviceName: "laptop", environment: env)
        for n in 1...4 { try original.commit(RecordOps.put("contact", Fixtures.record(UInt64(n)), [("name", .text("Shared \(n)"))])) }
        _ = try SyncEngine(store: original, folder: folder).sync()
        let copyPath = temp.path("copy.sqlite")
        try FileManager.default.copyItem(atPath: original.path, toPath: copyPath)
        if FileManager.default.fileExists(atPath: original.path + "-wal") {
            try FileManager.default.copyItem(atPath: original.path + "-wal", toPath: copyPath + "-wal")
        }
        let copy = try Store.open(at: copyPath, environment: env)
        try original.commit(RecordOps.put("contact", Fixtures.record(10), [("name", .text("Original"))]))
        _ = try SyncEngine(store: original, folder: folder).sync()
        try copy.commit(RecordOps.put("contact", Fixtures.record(20), [("name", .text("Copy"))]))
        let clash = try #require(try SyncEngine(store: copy, folder: folder).sync().identityClash)

        // What `SyncEngine.rekey` does first, alone: the process dies before anything else.
        _ = try copy.rekey(firstDivergent: clash.firstDivergent)
        try copy.commit(RecordOps.put("contact", Fixtures.record(21), [("name", .text("Copy, after the re-key"))]))
        for _ in 0..<2 {
            for store in [copy, original] { #expect(try SyncEngine(store: store, folder: folder).sync().identityClash == nil) }
        }
        let names = Set(try original.records(RecordQuery(entity: "contact")).compactMap { $0.text("name") })
        #expect(names.isSuperset(of: ["Original", "Copy", "Copy, after the re-key"]), "\(names.sorted())")
        #expect(try SyncTestSupport.observable(copy) == SyncTestSupport.observable(original))
        #expect(try copy.version() == original.version())
    }
}
