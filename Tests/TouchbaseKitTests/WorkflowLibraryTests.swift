import Foundation
import Testing
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// The reason library, cadences by tag or contact, and the synced settings.
@Suite struct WorkflowLibraryTests {
    func error(_ body: () throws -> Any) -> WorkspaceError? {
        do { _ = try body(); return nil } catch let e as WorkspaceError { return e } catch { return nil }
    }

    @Test func reasonLibraryRefusesEmptyAndDuplicateText() throws {
        let w = try KitWorld()
        #expect(error { try w.workspace.addReason(ReasonDraft(text: " \n ")) }?.code == .emptyValue)
        let post = try w.workspace.addReason(ReasonDraft(text: "I wrote a blog post"))
        let dup = error { try w.workspace.addReason(ReasonDraft(text: "  i WROTE a blog post ")) }
        #expect(dup?.code == .reasonExists && dup?.detail == post.id.hex)
        #expect(!(dup?.description.contains("blog") ?? true))  // no user text in the description
        #expect(try w.count("reason") == 1)
        #expect(try w.workspace.reason(matching: "blog").id == post.id)
        #expect(try w.workspace.reasons().map(\.reason.text) == ["I wrote a blog post"])
    }

    @Test func removingAReasonKeepsPastTouchesText() throws {
        let w = try KitWorld()
        let ada = try w.contact("Ada Lovelace", stage: "want")
        let post = try w.workspace.addReason(ReasonDraft(text: "I wrote a blog post"))
        try w.workspace.touch(TouchInput(contact: ada, share: post.id))
        #expect(try w.workspace.removeReason(post.id).id == post.id)
        #expect(try w.workspace.reasons().isEmpty)
        #expect(try w.workspace.reason(id: post.id) == nil)
        #expect(throws: StoreError.self) { try w.workspace.removeReason(post.id) }
        #expect(try w.store.records(RecordQuery(entity: "interaction")).first?.text("reason") == "I wrote a blog post")
    }

    @Test func cadenceTargetPrefersTheTagAndRefusesAnAmbiguousName() throws {
        let w = try KitWorld()
        let ada = try w.contact("Ada Lovelace")
        let mentor = try w.contact("Mentors")
        try w.tag("mentors", on: [ada])
        let ambiguous = error { try w.workspace.cadenceTarget(named: "mentors") }
        #expect(ambiguous?.code == .ambiguousTarget && ambiguous?.detail == mentor.hex)
        #expect(try w.workspace.cadenceTarget(named: "mentors", as: .tag) == .tag(Schema.tagID("mentors")))
        #expect(try w.workspace.cadenceTarget(named: "mentors", as: .contact) == .contact(mentor))
        #expect(try w.workspace.cadenceTarget(named: "Ada") == .contact(ada))
        #expect(throws: StoreError.self) { try w.workspace.cadenceTarget(named: "Ada", as: .tag) }
        #expect(throws: StoreError.self) { try w.workspace.cadenceTarget(named: "nobody") }
    }

    @Test func cadenceOnATagAndOnAContactWithItsNextDueDay() throws {
        let w = try KitWorld()
        let ada = try w.contact("Ada Lovelace", stage: "want")
        let ben = try w.contact("Ben Okri")
        try w.tag("mentors", on: [ben])
        let tag = try w.workspace.setCadence(CadenceSetting(target: .tag(Schema.tagID("mentors")), days: 30))
        #expect(tag.name == "mentors" && tag.days == 30 && tag.nextDue == nil)
        #expect(try w.record("tag", Schema.tagID("mentors"))?["cadence"] == .int(30))

        // Never in touch: due today. After a touch: last interaction + cadence.
        #expect(try w.workspace.setCadence(CadenceSetting(target: .contact(ada), days: 14)).nextDue == w.today)
        try w.workspace.touch(TouchInput(contact: ada, reason: "hi", date: w.today.adding(days: -2)))
        let r = try w.workspace.setCadence(CadenceSetting(target: .contact(ada), days: 14))
        #expect(r.nextDue == w.today.adding(days: 12) && r.name == "Ada Lovelace")

        #expect(error { try w.workspace.setCadence(CadenceSetting(target: .contact(ada), days: 3651)) }?.code == .outOfRange)
        #expect(error { try w.workspace.setCadence(CadenceSetting(target: .contact(ada), days: 0)) }?.code == .outOfRange)
        #expect(try w.record("contact", ada)?["cadence"] == .int(14))
        let cleared = try w.workspace.setCadence(CadenceSetting(target: .contact(ada), days: nil))
        #expect(cleared.days == nil && cleared.nextDue == nil)
        #expect(try w.record("contact", ada)?["cadence"] == .null)
    }

    @Test func effectiveSettingsSetResetAndRefuse() throws {
        let w = try KitWorld()
        let all = try w.workspace.settings()
        #expect(all.map(\.key) == WorkflowSettings.known.map(\.key))
        #expect(all.allSatisfy { !$0.isSet && $0.value == $0.defaultValue })
        try w.workspace.setSetting("pending-days", to: " 10 ")
        try w.workspace.setSetting("minutes.meeting", to: "60")
        #expect(try w.workspace.settings(key: "pending-days") == [EffectiveSetting(key: "pending-days", value: "10", defaultValue: "7", isSet: true)])
        #expect(try w.workspace.workflowSettings().minutes.minutes(kind: "meeting", own: nil) == 60)
        try w.workspace.resetSetting("pending-days")
        #expect(try w.workspace.settings(key: "pending-days").first?.isSet == false)
        #expect(throws: WorkflowError.self) { try w.workspace.setSetting("nope", to: "1") }
        #expect(throws: WorkflowError.self) { try w.workspace.settings(key: "nope") }
        #expect(throws: WorkflowError.self) { try w.workspace.setSetting("daily-target", to: "0") }
        #expect(throws: WorkflowError.self) { try w.workspace.setSetting("minutes.meeting", to: "1441") }
        #expect(throws: WorkflowError.self) { try Workspace.checkSettingKey("mix-days", value: "x") }
    }

    @Test func raisingTheTargetKeepsEarlierDaysAtTheirTarget() throws {
        let w = try KitWorld()
        #expect(try w.workspace.todayPlan(target: 3).target == 3)
        #expect(try w.workspace.settings(key: "daily-target").first?.value == "3")
        let history = try w.workspace.workflowSettings().targets
        #expect(history.target(on: w.today.adding(days: -1)) == 1 && history.target(on: w.today) == 3)
        #expect(throws: WorkflowError.self) { try w.workspace.todayPlan(target: 51) }
    }
}
