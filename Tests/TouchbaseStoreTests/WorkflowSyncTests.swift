import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// Two devices in process: a touch logged on one and a debrief on the other show on both once
/// they exchanged Changes; the plan and settings agree.
@Suite struct WorkflowSyncTests {
    final class IDs: @unchecked Sendable {
        private let lock = NSLock()
        private var n: UInt64
        init(start: UInt64) { n = start }
        func next() -> RecordID { lock.withLock { n += 1; return Fixtures.record(n) } }
    }

    func makeStores() throws -> (Store, Store, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tb-workflow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let clock = TestClock()
        let idsA = IDs(start: 0), idsB = IDs(start: 1_000_000)
        let a = try Store.create(at: dir.appendingPathComponent("a.sqlite").path, deviceName: "laptop",
                                 environment: StoreEnvironment(now: { clock.now }, makeRecordID: { idsA.next() }, makeDeviceID: { Fixtures.device(1) }))
        let b = try Store.create(at: dir.appendingPathComponent("b.sqlite").path, deviceName: "desktop",
                                 environment: StoreEnvironment(now: { clock.now }, makeRecordID: { idsB.next() }, makeDeviceID: { Fixtures.device(2) }))
        return (a, b, dir)
    }

    func exchange(_ a: Store, _ b: Store) throws {
        let va = try a.version(), vb = try b.version()
        _ = try b.apply(a.changes(of: Fixtures.device(1), after: vb[Fixtures.device(1)]))
        _ = try a.apply(b.changes(of: Fixtures.device(2), after: va[Fixtures.device(2)]))
    }

    @Test func touchOnOneDebriefOnTheOther() throws {
        let (a, b, dir) = try makeStores()
        defer { try? FileManager.default.removeItem(at: dir) }
        let day = CalendarDate("2026-03-02")!
        let ada = Fixtures.record(500)
        try a.commit(RecordOps.put("contact", ada, [("name", .text("Ada Lovelace")), ("stage", .text("want")), ("voter", .text("swing"))]))
        try exchange(a, b)

        // Laptop: a touch. Desktop (offline): a meeting planned, then debriefed.
        let touch = try a.logTouch(contact: ada, date: day, reasonText: "I wrote a blog post")
        #expect(touch.kind == "new-touch")
        let meeting = try b.planMeeting(contact: ada, date: day, time: "10:00", exitGoal: "an intro")
        let debrief = try b.debrief(contact: ada, date: day, .init(learned: "they hire in Q3", nextStep: "send CV", followUp: day.adding(days: 7)))
        #expect(debrief.wasPlanned && debrief.interaction == meeting.interaction)
        try exchange(a, b)

        for store in [a, b] {
            let t = try #require(try store.record("interaction", id: touch.interaction))
            #expect(t["reason"] == .text("I wrote a blog post") && t["kind"] == .text("new-touch"))
            let m = try #require(try store.record("interaction", id: meeting.interaction))
            #expect(m["status"] == .text("done") && m["learned"] == .text("they hire in Q3") && m["followUp"] == .date(day.adding(days: 7)))
        }
        #expect(try a.record("contact", id: ada) == b.record("contact", id: ada))
        #expect(try a.conflicts() == b.conflicts())
        let planA = TodayPlanner.plan(try a.todayInput(today: day.adding(days: 7)))
        let planB = TodayPlanner.plan(try b.todayInput(today: day.adding(days: 7)))
        #expect(planA == planB)
        #expect(planA.followUps.map(\.nextStep) == ["send CV"])
        // The touch counted on both for the day it was logged.
        #expect(try b.todayInput(today: day).newTouchesByDay[day] == 1)
    }

    @Test func replyOnOneDeviceStopsThePendingClockOnBoth() throws {
        let (a, b, dir) = try makeStores()
        defer { try? FileManager.default.removeItem(at: dir) }
        let day = CalendarDate("2026-03-02")!
        let fay = Fixtures.record(501)
        try a.commit(RecordOps.put("contact", fay, [("name", .text("Fay Chen")), ("stage", .text("want"))]))
        let touch = try a.logTouch(contact: fay, date: day.adding(days: -10), reasonText: "saw your talk")
        try exchange(a, b)
        #expect(TodayPlanner.plan(try b.todayInput(today: day)).pending.map(\.name) == ["Fay Chen"])
        let reply = try b.logReply(contact: fay, date: day)
        #expect(reply.answered == touch.interaction)
        try exchange(a, b)
        for store in [a, b] {
            #expect(TodayPlanner.plan(try store.todayInput(today: day)).pending.isEmpty)
            #expect(try store.record("contact", id: fay)?["stage"] == .text("active"))
        }
    }

    @Test func settingsSyncAndImportsAreOneChange() throws {
        let (a, b, dir) = try makeStores()
        defer { try? FileManager.default.removeItem(at: dir) }
        let day = CalendarDate("2026-03-02")!
        try a.setSetting(WorkflowSettings.targetKey, "3", today: day)
        try a.setSetting(WorkflowSettings.pendingDaysKey, "10", today: day)
        let before = try a.version()[Fixtures.device(1)]
        let plan = try a.importPeople([ImportPerson(line: 2, name: "Grace Hopper", emails: ["grace@navy.example"], tags: ["navy"], hubs: ["Admirals"]),
                                       ImportPerson(line: 3, name: "Alan Turing", linkedin: "https://www.linkedin.com/in/alan")])
        #expect(plan.created == 2 && plan.hubsCreated == 1)
        #expect(try a.version()[Fixtures.device(1)] == before + 1)
        try exchange(a, b)
        let settings = try b.workflowSettings()
        #expect(settings.targets.current == 3 && settings.pendingDays == 10)
        #expect(try b.record("contact", id: Schema.linkedinContactID("https://www.linkedin.com/in/alan"))?["name"] == .text("Alan Turing"))
        // The same file imported on the other device: nothing new.
        let again = try b.importPeople([ImportPerson(line: 2, name: "Grace Hopper", emails: ["grace@navy.example"], tags: ["navy"], hubs: ["Admirals"]),
                                        ImportPerson(line: 3, name: "Alan Turing", linkedin: "https://www.linkedin.com/in/alan")])
        #expect(again.ops.isEmpty && again.unchanged == 2)
    }
}
