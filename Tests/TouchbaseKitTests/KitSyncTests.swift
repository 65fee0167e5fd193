import Foundation
import Testing
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// The kit's sync: async, progress as values, cancellable, and a cancelled import resumes.
@Suite struct KitSyncTests {
    /// Two devices on one folder; `a` publishes `files` files of `perFile` contacts each.
    private func twoDevices(files: Int, perFile: Int, seed: UInt64) async throws
        -> (dir: KitTemporaryDirectory, a: Workspace, b: Workspace, folder: URL) {
        let dir = try KitTemporaryDirectory("sync")
        let folder = try dir.directory("shared")
        let clock = TestClock()
        let random = KitRandom(seed: seed)
        let a = try KitFixtures.workspace("a", in: dir, clock: clock, random: random, folder: folder)
        let b = try KitFixtures.workspace("b", in: dir, clock: clock, random: random, folder: folder)
        for f in 0..<files {
            try KitFixtures.addContacts(a, perFile, prefix: "file \(f) contact")
            clock.advance(milliseconds: 1000)
            _ = try await a.sync(try a.openFolder { _ in nil })
        }
        return (dir, a, b, folder)
    }

    @Test func syncReportsProgressAsValuesAndImportsEverything() async throws {
        let (dir, a, b, _) = try await twoDevices(files: 6, perFile: 5, seed: 0x51)
        _ = dir
        let seen = ProgressLog()
        let report = try await b.sync(try b.openFolder { _ in nil }) { seen.append($0) }
        #expect(report.importedTotal == 30)
        #expect(try KitFixtures.contactNames(b) == KitFixtures.contactNames(a))
        let values = seen.values
        #expect(values.allSatisfy { $0.phase == .importing && $0.filesTotal == 6 })
        #expect(values.map(\.filesRead) == Array(0...6), "one value before each file, one at the end")
        #expect(values.last?.fraction == 1)
    }

    @Test func aCancelledImportLeavesAConsistentDatabaseAndTheNextSyncResumesAndConverges() async throws {
        let files = 24, perFile = 20
        let (dir, a, b, _) = try await twoDevices(files: files, perFile: perFile, seed: 0x52)
        _ = dir
        let folder = try b.openFolder { _ in nil }
        let box = TaskBox()
        let (go, start) = AsyncStream<Void>.makeStream()
        let task = Task {
            for await _ in go { break }
            // Small batches: several transactions commit before the cancellation.
            return try await b.sync(folder, batchSize: 50) { p in if p.filesRead >= 8 { box.cancel() } }
        }
        box.set(task)
        start.yield()
        await #expect(throws: CancellationError.self) { try await task.value }

        // Consistent: the database is sound, its log holds each applied change once, and part of
        // the backlog (not all of it) was applied.
        #expect(try KitFixtures.integrity(b) == "ok")
        #expect(try KitFixtures.logMatchesVersion(b))
        let applied = try b.store.version()[try a.device]
        #expect(applied > 0 && applied < UInt64(files * perFile), "applied \(applied) of \(files * perFile)")
        // A cancelled sync publishes nothing.
        #expect(try b.devices().first { !$0.isThisDevice }?.applied == applied)

        // The next sync resumes where it stopped and completes.
        let resumed = try await b.sync(try b.openFolder { _ in nil })
        #expect(resumed.importedTotal == files * perFile - Int(applied))
        #expect(try b.store.version()[try a.device] == UInt64(files * perFile))
        #expect(try KitFixtures.logMatchesVersion(b))
        // And the two devices converge.
        try KitFixtures.addContacts(b, 3, prefix: "from b")
        _ = try await b.sync(try b.openFolder { _ in nil })
        _ = try await a.sync(try a.openFolder { _ in nil })
        #expect(try KitFixtures.contactNames(a) == KitFixtures.contactNames(b))
        #expect(try KitFixtures.contactNames(a).count == files * perFile + 3)
        #expect(try a.store.version() == b.store.version())
    }

    @Test func aSyncCancelledBeforeItStartsTouchesNothing() async throws {
        let (dir, _, b, _) = try await twoDevices(files: 2, perFile: 3, seed: 0x53)
        _ = dir
        let folder = try b.openFolder { _ in nil }
        let before = try b.store.version()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await b.sync(folder)
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(try b.store.version() == before)
    }
}

/// The progress values a sync reported, in order (appended from the sync's thread).
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [SyncProgress] = []

    func append(_ p: SyncProgress) { lock.withLock { items.append(p) } }
    var values: [SyncProgress] { lock.withLock { items } }
}
