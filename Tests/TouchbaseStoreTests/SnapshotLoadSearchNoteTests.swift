import Foundation
import GRDB
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// A snapshot load notes each searched table for indexing with one row, not one row per record,
/// and the first search expands those notes: every entity's rows are found, and nothing stays noted.
@Suite struct SnapshotLoadSearchNoteTests {
    static func noted(_ path: String) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM searchDirty") ?? -1 }
    }

    @Test func aLoadNotesEachTableOnceAndTheFirstSearchFindsEveryEntity() throws {
        let dir = try TempStores()
        defer { dir.cleanup() }
        let a = try SnapshotLoadSchemaTests.source(dir)
        let fresh = try dir.make("fresh", device: 2)
        var parts: [[SnapshotRecord]] = []
        let info = try a.dumpSnapshot(partBytes: 400) { parts.append($0) }
        var next = parts.makeIterator()
        try fresh.loadSnapshot(info) { next.next() }
        // 61 records: one note per searched table (contact, hub, interaction, reason), not 61.
        #expect(try Self.noted(dir.path("fresh")) == 4)
        #expect(try fresh.search("zanzibarite", limit: 100).count == 30)
        #expect(try fresh.search("quillfeather", limit: 100).count == 30)
        #expect(try fresh.search("makers").map(\.kind) == [.hub])
        #expect(try Self.noted(dir.path("fresh")) == 0)
        // A second search finds the same (the expanded notes were indexed once, not dropped).
        #expect(try fresh.search("zanzibarite", limit: 100).count == 30)
    }
}
