import Foundation
import Testing
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// A generator for ids that differ from their first digit on.
final class SeededGeneratorBox: @unchecked Sendable {
    static let shared = SeededGeneratorBox()
    var generator = SeededGenerator(seed: 0x106)
}

/// Interactions as records: listed, found by handle, edited, deleted and restored with history;
/// meetings cancelled and rescheduled; a second debrief; dates that look wrong; people met together.
@Suite struct InteractionRecordsTests {
    private func day(_ s: String) -> CalendarDate { CalendarDate(s)! }

    @Test func theLogListsAndFiltersInteractionsNewestFirst() throws {
        let w = try KitWorld()
        let ada = try w.contact("Ada Lovelace", stage: "want")
        let ben = try w.contact("Ben Okri", stage: "want")
        let hub = try w.hub("PyData")
        try w.workspace.touch(TouchInput(contact: ada, reason: "hello", date: day("2026-02-20")))
        try w.workspace.touch(TouchInput(contact: ben, reason: "hi", hub: hub))
        try w.workspace.planMeeting(MeetingPlan(contact: ada, date: day("2026-03-05"), exitGoal: "an intro", others: [ben]))

        let all = try w.workspace.interactions()
        #expect(all.map { $0.interaction.date } == [day("2026-03-05"), day("2026-03-02"), day("2026-02-20")])
        #expect(all[0].contact?.name == "Ada Lovelace" && all[0].others.map(\.name) == ["Ben Okri"])
        #expect(all[1].hubName == "PyData")
        #expect(all.allSatisfy { $0.handle.count == InteractionEntry.handleLength })

        #expect(try w.workspace.interactions(InteractionFilter(contact: ben)).count == 2, "Ben's touch and the meeting he is in")
        #expect(try w.workspace.interactions(InteractionFilter(kind: .meeting)).count == 1)
        #expect(try w.workspace.interactions(InteractionFilter(status: "planned")).count == 1)
        #expect(try w.workspace.interactions(InteractionFilter(since: day("2026-03-01"), until: day("2026-03-02"))).count == 1)
        #expect(try w.workspace.interactions(atHub: hub).map { $0.contact?.name } == ["Ben Okri"])
        #expect(throws: WorkspaceError.self) { _ = try InteractionFilter.status(parsing: "someday") }
        #expect(try InteractionFilter.kind(parsing: "New Touch") == .newTouch)
    }

    @Test func aHandleNamesOneInteractionAndSaysWhenItIsAmbiguousOrUnknown() throws {
        let w = try KitWorld()
        let ada = try w.contact("Ada Lovelace")
        try w.workspace.touch(TouchInput(contact: ada, reason: "one"))
        try w.workspace.touch(TouchInput(contact: ada, reason: "two"))
        let entries = try w.workspace.interactions()
        // KitWorld's ids share their first digits: a short prefix names both.
        let common = String(zip(entries[0].id.hex, entries[1].id.hex).prefix { $0 == $1 }.map(\.0))
        #expect(common.count >= 4)
        #expect { _ = try w.workspace.interaction(matching: String(common.prefix(4))) } throws: { error in
            guard let e = error as? StoreError, e.code == .ambiguous else { return false }
            return e.candidates.count == 2 && e.candidates.allSatisfy { $0.contains("Ada Lovelace") }
        }
        #expect(try w.workspace.interaction(matching: entries[0].id.hex).id == entries[0].id)
        #expect(try w.workspace.interaction(matching: entries[1].id.hex.uppercased()).id == entries[1].id)
        // A handle as lists show it names one interaction of a real (random) id.
        let other = try w.workspace.touch(TouchInput(contact: ada, reason: "three")).interaction
        _ = other
        let random = RecordID.random(using: &SeededGeneratorBox.shared.generator)
        try w.store.commit(RecordOps.put("interaction", random, [("contact", .ref(ada)), ("date", .date(w.today)), ("kind", .text("note"))]))
        #expect(try w.workspace.interaction(matching: InteractionEntry.handle(of: random)).id == random)
        #expect { _ = try w.workspace.interaction(matching: "ffff0000") } throws: { ($0 as? StoreError)?.code == .notFound }
        #expect { _ = try w.workspace.interaction(matching: "Ada") } throws: { ($0 as? StoreError)?.code == .notFound }
    }

    @Test func anEditChangesOnlyTheFieldsGivenAndShowsInTheHistory() throws {
        let w = try KitWorld()
        let ada = try w.contact("Ada Lovelace")
        let ben = try w.contact("Ben Okri")
        let touch = try w.workspace.touch(TouchInput(contact: ada, reason: "typo in here", channel: "email"))
        var c = InteractionChanges()
        c.reason = .set("no typo here")
        c.minutes = .set(25)
        c.channel = .clear
        c.addOthers = [ben]
        let r = try w.workspace.editInteraction(touch.interaction, c)
        #expect(Set(r.changed) == ["reason", "minutes", "channel", "others"])
        #expect(r.entry.interaction.reason == "no typo here" && r.entry.interaction.minutes == 25 && r.entry.interaction.channel == nil)
        #expect(r.entry.interaction.kind == .newTouch && r.entry.others.map(\.name) == ["Ben Okri"])

        var bad = InteractionChanges()
        bad.minutes = .set(-5)
        #expect { try w.workspace.editInteraction(touch.interaction, bad) } throws: { ($0 as? WorkspaceError)?.code == .outOfRange }
        bad = InteractionChanges()
        bad.date = w.today.adding(days: 3)
        #expect { try w.workspace.editInteraction(touch.interaction, bad) } throws: { ($0 as? WorkspaceError)?.code == .dateInFuture }
        #expect { try w.workspace.editInteraction(touch.interaction, InteractionChanges()) } throws: { ($0 as? WorkspaceError)?.code == .emptyValue }

        let history = try w.workspace.interactionHistory(touch.interaction)
        #expect(history.count == 2)
        #expect(history[1].ops.contains { $0.field == "reason" && $0.value == .text("no typo here") })
        #expect(history[1].ops.contains { $0.field == "channel" && $0.value == .null })
    }

    @Test func aDeletedInteractionLeavesTheLogAndComesBackWithRestore() throws {
        let w = try KitWorld()
        let ada = try w.contact("Ada Lovelace", stage: "want")
        let touch = try w.workspace.touch(TouchInput(contact: ada, reason: "hello"))
        try w.workspace.removeInteraction(touch.interaction)
        #expect(try w.workspace.interactions().isEmpty)
        #expect(try w.workspace.timeline(ofContact: ada).isEmpty)
        #expect(try w.workspace.interactions(InteractionFilter(includeDeleted: true)).map(\.isDeleted) == [true])
        #expect { try w.workspace.removeInteraction(touch.interaction) } throws: { ($0 as? StoreError)?.code == .notFound }
        #expect(try w.workspace.interaction(matching: InteractionEntry.handle(of: touch.interaction), includeDeleted: true).isDeleted)
        try w.workspace.restoreInteraction(touch.interaction)
        #expect(try w.workspace.interactions().count == 1)
        #expect { try w.workspace.restoreInteraction(touch.interaction) } throws: { ($0 as? WorkspaceError)?.code == .notDeleted }
        let history = try w.workspace.interactionHistory(touch.interaction)
        #expect(history.map { $0.ops.first { $0.field == Merger.deletedField }?.value } == [nil, .bool(true), .bool(false)])
    }

    @Test func aPlannedMeetingIsCancelledOrRescheduledAndStaysOneMeeting() throws {
        let w = try KitWorld()
        let ada = try w.contact("Ada Lovelace", stage: "want")
        let m = try w.workspace.planMeeting(MeetingPlan(contact: ada, date: day("2026-03-04"), exitGoal: "an intro", time: "10:00"))
        let moved = try w.workspace.rescheduleMeeting(m.interaction, to: day("2026-03-06"), time: .set("14:30"))
        #expect(moved.entry.interaction.date == day("2026-03-06") && moved.entry.interaction.time == "14:30")
        #expect(moved.entry.interaction.status == "planned")
        #expect(try w.workspace.interactions().count == 1, "still one meeting")
        #expect { try w.workspace.rescheduleMeeting(m.interaction, to: day("2026-03-01")) } throws: { ($0 as? WorkspaceError)?.code == .dateInPast }

        // The day passes: it would be "to debrief"; cancelled, it is not.
        w.advance(days: 5)
        #expect(try w.workspace.todayPlan().toDebrief.count == 1)
        try w.workspace.cancelMeeting(m.interaction)
        #expect(try w.workspace.todayPlan().toDebrief.isEmpty)
        #expect(try w.workspace.interactions(InteractionFilter(status: "cancelled")).count == 1)
        #expect { try w.workspace.cancelMeeting(m.interaction) } throws: { e in
            (e as? WorkspaceError)?.code == .notPlanned && (e as? WorkspaceError)?.detail == "cancelled"
        }
        let touch = try w.workspace.touch(TouchInput(contact: ada, reason: "hi"))
        #expect { try w.workspace.rescheduleMeeting(touch.interaction, to: w.today) } throws: { ($0 as? WorkspaceError)?.code == .notPlanned }
        // A cancelled meeting does not restart the keep-in-touch clock.
        #expect(try w.workspace.plannedMeetings(ofContact: ada).isEmpty)
    }

    @Test func aSecondDebriefDoesNotLogAPhantomMeetingUnlessADayIsGiven() throws {
        let w = try KitWorld()
        let alan = try w.contact("Alan Turing", stage: "docket")
        try w.workspace.planMeeting(MeetingPlan(contact: alan, date: w.today, exitGoal: "hiring"))
        let first = try w.workspace.debrief(Debrief(contact: alan, learned: "they hire in Q2"))
        #expect(first.wasPlanned)
        w.advance(days: 1)
        #expect { try w.workspace.debrief(Debrief(contact: alan, learned: "again")) } throws: { e in
            (e as? WorkspaceError)?.code == .alreadyDebriefed && (e as? WorkspaceError)?.detail == first.interaction.hex
        }
        #expect(try w.workspace.interactions().count == 1, "nothing written")
        // With a day: a new meeting, on purpose.
        let second = try w.workspace.debrief(Debrief(contact: alan, date: w.today, learned: "a second coffee"))
        #expect(!second.wasPlanned && second.interaction != first.interaction)
        #expect(try w.workspace.interactions().count == 2)
        // Long after the last meeting, an unplanned debrief logs a meeting today.
        w.advance(days: Workspace.redebriefDays + 1)
        #expect(try !w.workspace.debrief(Debrief(contact: alan, learned: "a month later")).wasPlanned)
        // Never in the future.
        #expect { try w.workspace.debrief(Debrief(contact: alan, date: w.today.adding(days: 2), learned: "x")) } throws: {
            ($0 as? WorkspaceError)?.code == .dateInFuture
        }
    }

    @Test func datesThatLookWrongAreRefused() throws {
        let w = try KitWorld()
        let ada = try w.contact("Ada Lovelace", stage: "want")
        #expect { try w.workspace.touch(TouchInput(contact: ada, reason: "hi", date: w.today.adding(days: 1))) } throws: {
            ($0 as? WorkspaceError)?.code == .dateInFuture
        }
        #expect { try w.workspace.reply(ReplyInput(contact: ada, date: w.today.adding(days: 1))) } throws: {
            ($0 as? WorkspaceError)?.code == .dateInFuture
        }
        #expect { try w.workspace.planMeeting(MeetingPlan(contact: ada, date: w.today.adding(days: -1), exitGoal: "x")) } throws: {
            ($0 as? WorkspaceError)?.code == .dateInPast
        }
        #expect { try w.workspace.touch(TouchInput(contact: ada, reason: "hi", minutes: -5)) } throws: {
            ($0 as? WorkspaceError)?.code == .outOfRange
        }
        #expect(try w.count("interaction") == 0)
        // Today and the past are fine for a touch; today and later for a meeting.
        try w.workspace.touch(TouchInput(contact: ada, reason: "hi", date: w.today.adding(days: -30)))
        try w.workspace.planMeeting(MeetingPlan(contact: ada, date: w.today, exitGoal: "x"))
    }

    @Test func peopleMetTogetherSeeItOnTheirTimelineCountForCadenceAndAnswerTheirOutreach() throws {
        let w = try KitWorld()
        let alan = try w.contact("Alan Turing", stage: "docket")
        let ben = try w.contact("Ben Okri", stage: "want", extra: [("cadence", .int(14))])
        let cleo = try w.contact("Cleo Baptiste", stage: "want")
        try w.workspace.touch(TouchInput(contact: ben, reason: "hi", date: w.today.adding(days: -20)))
        try w.workspace.touch(TouchInput(contact: cleo, reason: "hello", date: w.today.adding(days: -20)))
        var plan = try w.workspace.todayPlan()
        #expect(Set(plan.pending.map(\.name)) == ["Ben Okri", "Cleo Baptiste"])
        #expect(plan.keepInTouch.map(\.name) == ["Ben Okri"])

        // Cleo will be at the meeting: her outreach is answered.
        try w.workspace.planMeeting(MeetingPlan(contact: alan, date: w.today.adding(days: 1), exitGoal: "hiring", others: [cleo]))
        plan = try w.workspace.todayPlan()
        #expect(plan.pending.map(\.name) == ["Ben Okri"])

        // Ben was at a debriefed meeting with Alan: on his timeline, counted for his cadence,
        // his outreach answered and he is active.
        w.advance(days: 1)
        try w.workspace.debrief(Debrief(contact: alan, others: [ben], learned: "the team grows"))
        plan = try w.workspace.todayPlan()
        #expect(plan.pending.isEmpty)
        #expect(plan.keepInTouch.isEmpty)
        #expect(try w.record("contact", ben)?["stage"] == .text("active"))
        let timeline = try w.workspace.timeline(ofContact: ben)
        #expect(timeline.map { $0.interaction.kind } == [.meeting, .newTouch])
        #expect(timeline[0].contact?.name == "Alan Turing" && timeline[0].isAmongOthers([ben]))
        #expect(timeline[1].interaction.answered == w.today)

        // Cleo was named when the meeting was planned: its debrief makes her active too.
        #expect(try w.record("contact", cleo)?["stage"] == .text("pending"))
        w.advance(days: 1)
        let planned = try w.workspace.planMeeting(MeetingPlan(contact: alan, date: w.today, exitGoal: "again", others: [cleo]))
        let d = try w.workspace.debrief(Debrief(contact: alan, learned: "Cleo knows the CTO"))
        #expect(d.interaction == planned.interaction)
        #expect(try w.record("contact", cleo)?["stage"] == .text("active"))
    }

    @Test func aDebriefAddsPeopleWhoAreNotContactsYetInTheSameEdit() throws {
        let w = try KitWorld()
        let alan = try w.contact("Alan Turing", stage: "docket")
        let before = try w.store.version()
        var d = Debrief(contact: alan, learned: "met Dana from Zillow")
        d.newPeople = ["Dana Scully"]
        let r = try w.workspace.debrief(d)
        #expect(r.created.count == 1)
        #expect(try w.store.version().entries.values.reduce(0, +) == before.entries.values.reduce(0, +) + 1, "one change")
        let dana = try w.workspace.contact(matching: "Dana Scully")
        #expect(dana.id == r.created[0] && dana.text("stage") == "active")
        #expect(try w.workspace.timeline(ofContact: dana.id).map(\.id) == [r.interaction])
        d.newPeople = ["   "]
        w.advance(days: 30)
        #expect { try w.workspace.debrief(d) } throws: { ($0 as? WorkspaceError)?.code == .emptyValue }
    }

    @Test func theTimelineFollowsMergedDuplicatesAndHidesInteractionsOfDeletedContacts() throws {
        let w = try KitWorld()
        let ada = try w.contact("Ada Lovelace")
        let dup = try w.contact("Ada L.")
        try w.workspace.touch(TouchInput(contact: dup, reason: "from the duplicate", date: w.today.adding(days: -3)))
        try w.workspace.touch(TouchInput(contact: ada, reason: "hi"))
        try w.workspace.mergeContact(dup, into: ada)
        let timeline = try w.workspace.timeline(ofContact: ada)
        #expect(timeline.count == 2)
        #expect(timeline.allSatisfy { $0.contact?.name == "Ada Lovelace" })
        try w.workspace.removeContact(ada)
        #expect(try w.workspace.interactions().isEmpty)
        try w.workspace.restoreContact(ada)
        #expect(try w.workspace.interactions().count == 2)
    }
}
