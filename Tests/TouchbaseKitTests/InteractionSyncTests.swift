import Foundation
import Testing
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// Interaction edits on two devices syncing through a shared folder: a cancel on one and a
/// reschedule on the other is a conflict shown to the user; edits of different fields merge;
/// a delete against an edit is a delete-vs-edit conflict.
@Suite struct InteractionSyncTests {
    private struct Pair {
        let dir: KitTemporaryDirectory
        let clock: TestClock
        let laptop: Workspace
        let phone: Workspace

        func sync(_ w: Workspace) async throws { _ = try await w.sync(try w.openFolder { _ in nil }) }

        /// Both devices see each other's edits.
        func syncBoth() async throws {
            try await sync(laptop); try await sync(phone); try await sync(laptop)
        }
    }

    private func pair(seed: UInt64) async throws -> (Pair, RecordID, RecordID) {
        let dir = try KitTemporaryDirectory("interactions")
        let folder = try dir.directory("shared")
        let clock = TestClock(milliseconds: 1_772_452_800_000)
        let random = KitRandom(seed: seed)
        let p = Pair(dir: dir, clock: clock,
                     laptop: try KitFixtures.workspace("laptop", in: dir, clock: clock, random: random, folder: folder),
                     phone: try KitFixtures.workspace("phone", in: dir, clock: clock, random: random, folder: folder))
        let alan = try p.laptop.addContact(ContactDraft(name: "Alan Turing")).contact.id
        let meeting = try p.laptop.planMeeting(MeetingPlan(contact: alan, date: p.laptop.today.adding(days: 2), exitGoal: "who hires",
                                                           time: "10:00")).interaction
        try await p.syncBoth()
        return (p, alan, meeting)
    }

    @Test func aCancelOnOneDeviceAndARescheduleOnTheOtherIsAConflictNotASilentPick() async throws {
        let (p, _, meeting) = try await pair(seed: 0x1061)
        p.clock.advance(milliseconds: 1000)
        try p.laptop.cancelMeeting(meeting)
        p.clock.advance(milliseconds: 1000)
        let moved = p.phone.today.adding(days: 5)
        try p.phone.rescheduleMeeting(meeting, to: moved, time: .set("15:00"))
        try await p.syncBoth()

        for w in [p.laptop, p.phone] {
            let conflicts = try w.conflicts(of: RecordKey(entity: "interaction", record: meeting))
            #expect(conflicts.count == 1)
            #expect(conflicts.first?.field == "status")
            #expect(Set(conflicts.first?.values.map(\.value) ?? []) == [.text("cancelled"), .text("planned")])
            #expect(conflicts.first?.record.name.contains("Alan Turing") == true)
            let e = try #require(try w.interaction(id: meeting))
            #expect(e.interaction.date == moved && e.interaction.time == "15:00", "the new day is kept whatever is chosen")
        }
        // Both devices show the same value, and resolving on one settles it on both.
        #expect(try p.laptop.interaction(id: meeting)?.interaction.status == p.phone.interaction(id: meeting)?.interaction.status)
        let open = try #require(try p.phone.conflicts().first)
        let keep = try #require(open.values.firstIndex { $0.value == .text("cancelled") })
        try p.phone.resolve(open, with: .keep(keep))
        try await p.syncBoth()
        for w in [p.laptop, p.phone] {
            #expect(try w.conflicts().isEmpty)
            #expect(try w.interaction(id: meeting)?.interaction.status == "cancelled")
            #expect(try w.interactions().count == 1, "one meeting, never two")
        }
    }

    @Test func editsOfDifferentFieldsMergeAndADeleteAgainstAnEditIsShown() async throws {
        let (p, alan, meeting) = try await pair(seed: 0x1062)
        p.clock.advance(milliseconds: 1000)
        var exit = InteractionChanges()
        exit.exitGoal = .set("an intro to the data team")
        try p.laptop.editInteraction(meeting, exit)
        try p.phone.rescheduleMeeting(meeting, to: p.phone.today.adding(days: 3))
        try await p.syncBoth()
        for w in [p.laptop, p.phone] {
            let e = try #require(try w.interaction(id: meeting))
            #expect(e.interaction.exitGoal == "an intro to the data team" && e.interaction.date == w.today.adding(days: 3))
            #expect(e.interaction.status == "planned")
            #expect(try w.conflicts().isEmpty)
        }

        // A touch deleted on the laptop while the phone fixes its reason: kept, with a conflict.
        let touch = try p.laptop.touch(TouchInput(contact: alan, reason: "helo")).interaction
        try await p.syncBoth()
        p.clock.advance(milliseconds: 1000)
        try p.laptop.removeInteraction(touch)
        var fix = InteractionChanges()
        fix.reason = .set("hello")
        try p.phone.editInteraction(touch, fix)
        try await p.syncBoth()
        for w in [p.laptop, p.phone] {
            let conflicts = try w.conflicts(of: RecordKey(entity: "interaction", record: touch))
            #expect(conflicts.map(\.kind) == [.deleteVsEdit])
            #expect(try w.interactions().contains { $0.id == touch }, "kept visible until the user chooses")
        }
        try p.laptop.restoreInteraction(touch)
        try await p.syncBoth()
        for w in [p.laptop, p.phone] {
            #expect(try w.conflicts().isEmpty)
            #expect(try w.interaction(id: touch)?.interaction.reason == "hello")
        }
    }
}
