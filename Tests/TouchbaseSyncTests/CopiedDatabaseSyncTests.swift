import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// Copied databases (issue 7, cases 1, 2 and 4): the copy's edits survive the fork's healing (or
/// a re-key) as its own,
/// concurrent edits of other devices stay theirs and still conflict, a copy is found even when a
/// sync tool swaps a file's content, and a re-key never strands an edit under the old id.
@Suite struct CopiedDatabaseSyncTests {
    /// a and its copy a2 edit Ada's org concurrently; b edits on top of a's edit. The fork heals:
    /// no Change is re-authored, so CLONE and B-org end in a conflict on every device.
    @Test func rekeyKeepsTheCopysEditAndNeverReauthorsAnotherDevicesEdit() throws {
        let lab = try SyncLab("clash-org")
        let a = try lab.store("a"), b = try lab.store("b"), c = try lab.store("c")
        try lab.put(a, 1, [("name", .text("Ada")), ("organization", .text("Start"))])
        try lab.syncAll([a, b, c], rounds: 1)
        let a2 = try lab.copy(a, as: "a2")
        try lab.put(a, 1, [("organization", .text("ORIGINAL"))])
        try lab.sync(a)
        try lab.sync(b)
        try lab.put(b, 1, [("organization", .text("B-org"))])
        try lab.sync(b)
        try lab.put(a2, 1, [("organization", .text("CLONE"))])
        // c's edit is concurrent with all of them; a2 applies it after making CLONE.
        try lab.put(c, 1, [("organization", .text("C-org"))])
        try lab.sync(c)

        // The fork heals (SPEC §3.6): one history keeps a's id, the other goes on under the derived one.
        let healed = try lab.sync(a2)
        let heal = try #require(healed.healed.first)
        #expect(heal.device == (try a.device) && heal.seq == 2)
        try lab.syncAll([a2, a, b, c], rounds: 3)
        try lab.expectConverged([a, b, c, a2])

        // Nothing is re-authored: CLONE is the copy's (under whichever id it has now), ORIGINAL a's,
        // B-org b's; and the copy's edit did not see c's (applied after it was made).
        for (store, value) in [(a2, "CLONE"), (a, "ORIGINAL"), (b, "B-org")] {
            let author = try store.device
            let own = try b.changes(of: author, after: 0).filter { $0.ops.contains { $0.value == .text(value) } }
            #expect(own.count == 1, "\(value) is by \(author)")
        }
        let copied = try b.changes(of: try a2.device, after: 0).filter { $0.ops.contains { $0.value == .text("CLONE") } }
        #expect(copied.first?.deps[try c.device] == 0)
        let conflict = try #require(try a.conflicts().first { $0.field == "organization" })
        #expect(Set(conflict.values.map(\.value)) == [.text("CLONE"), .text("B-org"), .text("C-org")])
    }

    /// The delete variant: b deletes Ada on top of a's edit while the copy edits her notes; after the
    /// fork heals the edit and the delete meet as a delete-vs-edit conflict.
    @Test func aConcurrentDeleteAndTheCopysEditShowAsAConflict() throws {
        let lab = try SyncLab("clash-delete", seed: 2)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.put(a, 1, [("name", .text("Ada")), ("organization", .text("Start"))])
        try lab.syncAll([a, b], rounds: 1)
        let a2 = try lab.copy(a, as: "a2")
        try lab.put(a, 1, [("organization", .text("ORIGINAL"))])
        try lab.sync(a)
        try lab.sync(b)
        lab.clock.advance(milliseconds: 1)
        try b.commit(RecordOps.delete("contact", Fixtures.record(1)))
        try lab.sync(b)
        try lab.put(a2, 1, [("notes", .text("edited on the copy"))])
        #expect(try !lab.sync(a2).healed.isEmpty)
        try lab.syncAll([a2, a, b], rounds: 3)
        try lab.expectConverged([a, b, a2])
        let conflicts = try a.conflicts()
        #expect(conflicts.contains { $0.kind == .deleteVsEdit && $0.record.record == Fixtures.record(1) }, "\(conflicts)")
        let registers = try a.registers(of: RecordKey(entity: "contact", record: Fixtures.record(1)))
        #expect(registers["notes"]?.values.map(\.value) == [.text("edited on the copy")])
    }

    /// a2 publishes seq 2, then the sync tool keeps a's seq 2 under the name and turns a2's file into
    /// a conflict copy. a2 checked that name once already; it must see the new content (and heal).
    @Test func aFileWhoseContentWasSwappedUnderItsNameIsCheckedAgain() throws {
        let lab = try SyncLab("swap", seed: 3)
        let a = try lab.store("a")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.sync(a)
        let a2 = try lab.copy(a, as: "a2")
        try lab.put(a2, 2, [("name", .text("Bob on the copy"))])
        #expect(try lab.sync(a2).published == 1)
        #expect(try lab.sync(a2).identityClash == nil, "a quiet sync")

        // a publishes its own seq 2 elsewhere (its replica of the folder); the sync tool then keeps
        // a's version under the name and renames a2's.
        let side = SharedFolder(path: try lab.temp.directory("a-replica").path)
        try lab.sync(a, folder: side)
        try lab.put(a, 3, [("name", .text("Carol on the original"))])
        try lab.sync(a, folder: side)
        let me = try a.device.hex
        let name = "changes/\(me)/2-2.tbc"
        try FileManager.default.moveItem(atPath: lab.path(name), toPath: lab.path("changes/\(me)/2-2.sync-conflict-20260105-090000-ABCDEFG.tbc"))
        try FileManager.default.copyItem(atPath: side.path + "/" + name, toPath: lab.path(name))

        let healed = try lab.sync(a2)
        #expect(healed.healed.map(\.seq) == [2], "the swapped content is read again: \(healed.healed)")
        try lab.syncAll([a2, a], rounds: 3)
        try lab.expectConverged([a, a2])
        #expect(try lab.names(a) == ["Ada", "Bob on the copy", "Carol on the original"])
    }

    /// A copy that never synced re-keys (no clash in the folder yet): the edits only it made under
    /// the old id must move to the new id, or other devices wait forever on `old #2`.
    @Test func rekeyOnACopyThatNeverSyncedStrandsNothing() throws {
        let lab = try SyncLab("never-synced", seed: 4)
        let a = try lab.store("a"), b = try lab.store("b")
        try lab.put(a, 1, [("name", .text("Ada"))])
        try lab.sync(a)
        let a2 = try lab.copy(a, as: "a2")
        try lab.put(a2, 2, [("name", .text("Bob"))])
        let old = try a2.device
        let new = try SyncEngine(store: a2, folder: lab.folder).rekey()
        #expect(try a2.version()[old] == 1, "a2's own edit under the old id is re-issued, not kept")
        #expect(try a2.changes(of: new, after: 0).count == 1)
        try lab.put(a2, 3, [("name", .text("Carol"))])
        try lab.syncAll([a2, b, a])
        // a goes on under the old id, with a different seq 2.
        try lab.put(a, 4, [("name", .text("Dan"))])
        try lab.syncAll([a, a2, b])
        try lab.expectConverged([a, b, a2])
        #expect(try lab.names(b) == ["Ada", "Bob", "Carol", "Dan"])
    }
}
