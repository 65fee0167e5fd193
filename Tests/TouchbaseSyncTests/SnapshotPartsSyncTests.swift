import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseTestSupport
import TouchbaseSync

/// A join reads a snapshot part by part: progress comes part by part, a damaged last part refuses
/// the whole snapshot, and a stop between parts leaves nothing loaded.
@Suite struct SnapshotPartsSyncTests {
    /// A folder with a snapshot of `a` in more than two parts.
    static func folder(_ name: String) throws -> (SyncLab, Store, SnapshotWriteReport) {
        let lab = try SyncLab(name)
        let a = try lab.store("a")
        for i in 1...40 { try lab.put(a, UInt64(i), [("name", .text("Person \(i) Quillfeather")), ("stage", .text("active"))]) }
        try lab.sync(a)
        var engine = SyncEngine(store: a, folder: lab.folder)
        engine.snapshotPolicy.partBytes = 300
        let written = try engine.writeSnapshot()
        #expect(written.parts > 2)
        return (lab, a, written)
    }

    @Test func progressComesPartByPart() throws {
        let (lab, a, written) = try Self.folder("parts-progress")
        let fresh = try lab.store("fresh")
        var joiner = SyncEngine(store: fresh, folder: lab.folder)
        var progress: [Int] = []
        joiner.snapshotProgress = { done, total in
            #expect(total == written.parts)
            progress.append(done)
        }
        let report = try joiner.sync()
        #expect(report.seededFrom == written.path)
        #expect(progress == Array(0...written.parts))
        #expect(try lab.names(fresh) == lab.names(a))
    }

    @Test func aDamagedLastPartRefusesTheWholeSnapshot() throws {
        let (lab, a, written) = try Self.folder("parts-damaged-last")
        let entry = try #require(try lab.folder.scan().snapshots.first)
        try lab.flipByte(FolderEntry.snapshotPart(entry, part: UInt64(written.parts)).relativePath)
        let fresh = try lab.store("fresh")
        let report = try lab.sync(fresh)
        #expect(report.seededFrom == nil)
        #expect(report.damaged.contains { $0.path.hasSuffix("/\(written.parts).tbp") })
        #expect(try lab.names(fresh) == lab.names(a))
    }

    @Test func aStopBetweenPartsLeavesNothingLoaded() throws {
        let (lab, a, written) = try Self.folder("parts-stop")
        let fresh = try lab.store("fresh")
        var joiner = SyncEngine(store: fresh, folder: lab.folder)
        var done = 0
        joiner.snapshotProgress = { n, _ in done = n }
        joiner.shouldStop = { done >= 2 }
        #expect(throws: CancellationError.self) { try joiner.sync() }
        #expect(try fresh.version().entries.values.allSatisfy { $0 == 0 })
        #expect(try fresh.seededSnapshot() == nil)
        // The next sync, not stopped, joins from the same snapshot.
        let report = try SyncEngine(store: fresh, folder: lab.folder).sync()
        #expect(report.seededFrom == written.path)
        #expect(try lab.names(fresh) == lab.names(a))
    }
}
