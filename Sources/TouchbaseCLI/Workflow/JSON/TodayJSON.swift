import TouchbaseKit

/// `today --json`.
struct TodayJSON: Codable {
    /// Advice to raise the daily target.
    struct BranchOut: Codable {
        var metDays: Int
        var windowDays: Int
        var suggestedTarget: Int
    }

    /// A library reason to share.
    struct SuggestedReason: Codable {
        var id: String
        var text: String
    }

    /// A contact picked for a new touch.
    struct Pick: Codable {
        var id: String
        var name: String
        @EncodesNil var stage: String?
        var why: [String]
        @EncodesNil var suggestedReason: SuggestedReason?
    }

    /// A follow-up due.
    struct FollowUp: Codable {
        var id: String
        var name: String
        var due: String
        var overdueDays: Int
        @EncodesNil var nextStep: String?
        var interaction: String
    }

    /// A keep-in-touch due.
    struct KeepInTouch: Codable {
        var id: String
        var name: String
        var cadence: Int
        @EncodesNil var lastInteraction: String?
        var due: String
        var overdueDays: Int
    }

    /// Outreach without an answer.
    struct Pending: Codable {
        var id: String
        var name: String
        var sent: String
        var days: Int
        @EncodesNil var reason: String?
        var interaction: String
    }

    /// A planned meeting.
    struct Meeting: Codable {
        var id: String
        var name: String
        var date: String
        @EncodesNil var time: String?
        @EncodesNil var hub: String?
        @EncodesNil var exitGoal: String?
        var missing: [String]
        var interaction: String

        init(_ m: TodayPlan.Meeting) {
            id = m.contact.hex
            name = m.name
            date = m.date.description
            time = m.time
            hub = m.hub
            exitGoal = m.exitGoal
            missing = m.missing
            interaction = m.interaction.hex
        }
    }

    /// A birthday in the coming days.
    struct Birthday: Codable {
        var id: String
        var name: String
        var date: String
        @EncodesNil var age: Int?
    }

    /// A job change seen by an import.
    struct JobChange: Codable {
        var id: String
        var name: String
        var date: String
        @EncodesNil var organization: String?
        @EncodesNil var role: String?
        @EncodesNil var previousOrganization: String?
        @EncodesNil var previousRole: String?
        var joinedNewOrganization: Bool
    }

    var date: String
    var target: Int
    var doneToday: Int
    var streak: Int
    var pendingDays: Int
    @EncodesNil var branchOut: BranchOut?
    var newTouches: [Pick]
    var followUps: [FollowUp]
    var keepInTouch: [KeepInTouch]
    var pending: [Pending]
    var meetings: [Meeting]
    var toDebrief: [Meeting]
    var birthdays: [Birthday]
    var jobChanges: [JobChange]
    /// Opportunity steps due and referral touches; absent when there are none.
    var opportunities: OpportunityDayJSON?

    init(_ p: TodayPlan) {
        date = p.date.description
        target = p.target
        doneToday = p.doneToday
        streak = p.streak
        pendingDays = p.pendingDays
        branchOut = p.branchOut.map { BranchOut(metDays: $0.metDays, windowDays: $0.windowDays, suggestedTarget: $0.suggestedTarget) }
        newTouches = p.newTouches.map { pick in
            Pick(id: pick.contact.hex, name: pick.name, stage: pick.stage, why: pick.why.map(WorkflowText.why),
                 suggestedReason: pick.suggestedReason.map { SuggestedReason(id: $0.id.hex, text: $0.text) })
        }
        followUps = p.followUps.map {
            FollowUp(id: $0.contact.hex, name: $0.name, due: $0.due.description, overdueDays: $0.overdueDays, nextStep: $0.nextStep,
                     interaction: $0.interaction.hex)
        }
        keepInTouch = p.keepInTouch.map {
            KeepInTouch(id: $0.contact.hex, name: $0.name, cadence: $0.cadence, lastInteraction: $0.lastInteraction?.description,
                        due: $0.due.description, overdueDays: $0.overdueDays)
        }
        pending = p.pending.map {
            Pending(id: $0.contact.hex, name: $0.name, sent: $0.sent.description, days: $0.days, reason: $0.reason, interaction: $0.interaction.hex)
        }
        meetings = p.meetings.map(Meeting.init)
        toDebrief = p.toDebrief.map(Meeting.init)
        birthdays = p.birthdays.map { Birthday(id: ($0.contact ?? $0.record).hex, name: $0.title, date: $0.date.description, age: $0.age) }
        jobChanges = p.jobChanges.map {
            JobChange(id: $0.contact.hex, name: $0.name, date: $0.date.description, organization: $0.organization, role: $0.role,
                      previousOrganization: $0.previousOrganization, previousRole: $0.previousRole, joinedNewOrganization: $0.joinedNewOrganization)
        }
    }
}
