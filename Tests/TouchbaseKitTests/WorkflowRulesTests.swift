import Foundation
import Testing
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// The rules of touch, reply, meet, debrief and prep, through the kit on a real database.
@Suite struct WorkflowRulesTests {
    func interactions(_ w: KitWorld, of contact: RecordID) throws -> [Interaction] {
        var q = RecordQuery(entity: "interaction")
        q.equals = [("contact", .ref(contact))]
        q.orderBy = "date"
        return try w.store.records(q).map(Interaction.init)
    }

    func code(_ body: () throws -> Any) -> WorkspaceError.Code? {
        do { _ = try body(); return nil } catch let e as WorkspaceError { return e.code } catch { return nil }
    }

    @Test func touchNeedsSomethingToSayUnlessForced() throws {
        let w = try KitWorld()
        let ada = try w.contact("Ada Lovelace", stage: "want")
        #expect(throws: WorkflowError.self) { try w.workspace.touch(TouchInput(contact: ada)) }
        #expect(throws: WorkflowError.self) { try w.workspace.touch(TouchInput(contact: ada, reason: "   ")) }
        #expect(try interactions(w, of: ada).isEmpty)
        #expect(try w.record("contact", ada)?.text("stage") == "want")

        let forced = try w.workspace.touch(TouchInput(contact: ada, force: true))
        #expect(forced.forced && forced.kind == .newTouch && forced.date == w.today)
        #expect(try interactions(w, of: ada).first?.forced == true)
    }

    @Test func firstTouchIsNewLaterOnesFollowUpsAndTheStageMovesToPending() throws {
        let w = try KitWorld()
        let ada = try w.contact("Ada Lovelace", stage: "want")
        let first = try w.workspace.touch(TouchInput(contact: ada, reason: "I wrote a blog post", channel: "email", minutes: 20))
        #expect(first.kind == .newTouch && first.stageBefore == "want" && first.stageAfter == "pending" && !first.reasonUsedBefore)
        let again = try w.workspace.touch(TouchInput(contact: ada, reason: "i wrote a BLOG post", date: w.today.adding(days: -1)))
        #expect(again.kind == .followUp && again.reasonUsedBefore)
        let list = try interactions(w, of: ada)
        #expect(list.map(\.kind) == [.followUp, .newTouch])
        #expect(list[1].direction == "out" && list[1].channel == "email" && list[1].minutes == 20 && list[1].status == "done")
        #expect(try w.record("contact", ada)?.text("stage") == "pending")
    }

    @Test func touchMinutesOutOfRangeWriteNothing() throws {
        let w = try KitWorld()
        let ada = try w.contact("Ada Lovelace", stage: "want")
        #expect(code { try w.workspace.touch(TouchInput(contact: ada, reason: "hi", minutes: -5)) } == .outOfRange)
        #expect(code { try w.workspace.touch(TouchInput(contact: ada, reason: "hi", minutes: 1441)) } == .outOfRange)
        #expect(try interactions(w, of: ada).isEmpty)
        #expect(throws: StoreError.self) { try w.workspace.touch(TouchInput(contact: Fixtures.record(77), reason: "hi")) }
    }

    @Test func sharingALibraryReasonLinksItAndTypingItsTextToo() throws {
        let w = try KitWorld()
        let ada = try w.contact("Ada Lovelace", stage: "want")
        let ben = try w.contact("Ben Okri", stage: "want")
        let site = try w.workspace.addReason(ReasonDraft(text: "  I built a new site  ", url: "https://example.com/site"))
        #expect(site.text == "I built a new site")
        try w.workspace.touch(TouchInput(contact: ada, share: site.id))
        try w.workspace.touch(TouchInput(contact: ben, reason: "i built a NEW site"))
        #expect(try interactions(w, of: ada).first?.reason == "I built a new site")
        #expect(try interactions(w, of: ben).first?.reasonRef == site.id)
        let usage = try w.workspace.reasons()
        #expect(usage.count == 1 && usage[0].usedWith.map(\.name) == ["Ada Lovelace", "Ben Okri"])
        #expect(usage[0].reason.url == "https://example.com/site")
    }

    @Test func replyAnswersTheWaitingOutreach() throws {
        let w = try KitWorld()
        let ada = try w.contact("Ada Lovelace", stage: "want")
        let touch = try w.workspace.touch(TouchInput(contact: ada, reason: "hi", date: w.today.adding(days: -3)))
        let reply = try w.workspace.reply(ReplyInput(contact: ada, channel: "email", note: "Let's talk"))
        #expect(reply.answered == touch.interaction && reply.answeredSentOn == w.today.adding(days: -3))
        #expect(reply.stageBefore == "pending" && reply.stageAfter == "active")
        let list = try interactions(w, of: ada)
        #expect(list.first { $0.id == touch.interaction }?.answered == w.today)
        #expect(list.first { $0.id == reply.interaction }?.kind == .reply)
        // Nothing waiting any more: logged anyway, nothing answered.
        #expect(try w.workspace.reply(ReplyInput(contact: ada)).answered == nil)
    }

    @Test func meetingNeedsAnExitAndAMeetingKind() throws {
        let w = try KitWorld()
        let ada = try w.contact("Ada Lovelace", stage: "pending")
        let day = w.today.adding(days: 2)
        #expect(code { try w.workspace.planMeeting(MeetingPlan(contact: ada, date: day, exitGoal: "  ")) } == .emptyValue)
        #expect(code { try w.workspace.planMeeting(MeetingPlan(contact: ada, date: day, exitGoal: "intro", kind: .note)) } == .outOfRange)
        #expect(code { try w.workspace.planMeeting(MeetingPlan(contact: ada, date: day, exitGoal: "intro", kind: .unknown("coffee"))) } == .outOfRange)
        #expect(code { try w.workspace.planMeeting(MeetingPlan(contact: ada, date: day, exitGoal: "intro", time: "25:00")) } == .malformed)
        #expect(code { try w.workspace.planMeeting(MeetingPlan(contact: ada, date: day, exitGoal: "intro", minutes: 2000)) } == .outOfRange)
        #expect(try interactions(w, of: ada).isEmpty)
    }

    @Test func plannedMeetingMovesToTheDocketAndFlagsWhatIsMissing() throws {
        let w = try KitWorld()
        let ada = try w.contact("Ada Lovelace", stage: "want", ask: "an intro")
        let ben = try w.contact("Ben Okri")
        let hub = try w.hub("Makers")
        let day = w.today.adding(days: 2)
        let r = try w.workspace.planMeeting(MeetingPlan(contact: ada, date: day, exitGoal: " an intro to the CTO ", time: "9:30", hub: hub,
                                                       others: [ben, ada], kind: .informational, minutes: 30))
        #expect(r.stageBefore == "want" && r.stageAfter == "docket" && r.missing == ["offer"])
        let m = try #require(try w.workspace.plannedMeeting(contact: ada, on: day))
        #expect(m.id == r.interaction && m.status == "planned" && m.kind == .informational)
        #expect(m.exitGoal == "an intro to the CTO" && m.time == "09:30" && m.hub == hub && m.others == [ben] && m.minutes == 30)
    }

    @Test func debriefMarksThePlannedMeetingDoneOrLogsOne() throws {
        let w = try KitWorld()
        let ada = try w.contact("Ada Lovelace", stage: "docket")
        let planned = try w.workspace.planMeeting(MeetingPlan(contact: ada, date: w.today, exitGoal: "advice"))
        w.advance(days: 1)
        #expect(throws: WorkflowError.self) { try w.workspace.debrief(Debrief(contact: ada, outcome: "fine")) }
        #expect(try w.workspace.plannedMeeting(contact: ada)?.status == "planned")

        let follow = w.today.adding(days: 7)
        let d = try w.workspace.debrief(Debrief(contact: ada, others: [ada], learned: "They hire in May", followUp: follow, minutes: 50))
        #expect(d.wasPlanned && d.interaction == planned.interaction && d.date == w.today.adding(days: -1) && d.followUp == follow)
        #expect(d.stageAfter == "active")
        let done = try #require(try interactions(w, of: ada).first)
        #expect(done.status == "done" && done.learned == "They hire in May" && done.followUp == follow && done.others.isEmpty && done.minutes == 50)
        #expect(try w.workspace.plannedMeeting(contact: ada) == nil)

        // Nothing planned and the last meeting already debriefed: a new meeting needs its day.
        #expect { try w.workspace.debrief(Debrief(contact: ada, nextStep: "Send the deck")) } throws: {
            ($0 as? WorkspaceError)?.code == .alreadyDebriefed
        }
        let logged = try w.workspace.debrief(Debrief(contact: ada, date: w.today, nextStep: "Send the deck"))
        #expect(!logged.wasPlanned && logged.date == w.today)
        #expect(try interactions(w, of: ada).count == 2)
    }

    @Test func prepNeedsWhatAndMinutesInRange() throws {
        let w = try KitWorld()
        #expect(code { try w.workspace.logPrep(PrepInput(what: "  ", minutes: 30)) } == .emptyValue)
        #expect(code { try w.workspace.logPrep(PrepInput(what: "research", minutes: 0)) } == .outOfRange)
        #expect(code { try w.workspace.logPrep(PrepInput(what: "research", minutes: 1441)) } == .outOfRange)
        #expect(try w.count("prep") == 0)
        let id = try w.workspace.logPrep(PrepInput(what: " research ", minutes: 30))
        let r = try #require(try w.record("prep", id))
        #expect(r.text("what") == "research" && r["minutes"] == .int(30) && r["date"] == .date(w.today))
    }
}
