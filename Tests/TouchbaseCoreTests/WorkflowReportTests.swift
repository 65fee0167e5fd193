import Testing
import TouchbaseCore
import TouchbaseTestSupport

/// Pace, hub mix, duplicates, stage rules and settings.
@Suite struct WorkflowReportTests {
    func day(_ s: String) -> CalendarDate { CalendarDate(s)! }
    func id(_ n: UInt64) -> RecordID { Fixtures.record(n) }

    @Test func paceByDayAndWeekWithWarnings() {
        let from = day("2026-02-24"), to = day("2026-03-02")
        let daily = PaceReport.build(from: from, to: to, granularity: .day, prep: [(day("2026-02-24"), 30), (day("2026-03-02"), 30)],
                                     connect: [(day("2026-03-02"), 45), (day("2026-01-01"), 999)])
        #expect(daily.rows.count == 7)
        #expect(daily.rows.last?.connect == 45)
        #expect(daily.prep == 60 && daily.connect == 45)
        #expect(daily.warning == nil)  // 57 %
        let weekly = PaceReport.build(from: day("2026-02-02"), to: to, granularity: .week, prep: [(day("2026-02-05"), 10)],
                                      connect: [(day("2026-02-08"), 90), (day("2026-03-02"), 10)])
        #expect(weekly.rows.map(\.start) == [day("2026-02-02"), day("2026-02-09"), day("2026-02-16"), day("2026-02-23"), day("2026-03-02")])
        #expect(weekly.rows[0].connect == 90 && weekly.rows[0].prep == 10)
        guard case .mostlyConnecting(let share)? = weekly.warning else { Issue.record("expected mostly connecting"); return }
        #expect(share < PaceReport.balanced.lowerBound)
        #expect(PaceReport.build(from: from, to: to, granularity: .day, prep: [(to, 100)], connect: []).warning == .mostlyPrepping(prepShare: 1))
        #expect(PaceReport.build(from: from, to: to, granularity: .day, prep: [], connect: []).prepShare == nil)
        #expect(PaceReport.monday(of: day("2026-03-01")) == day("2026-02-23"))  // a Sunday
    }

    @Test func connectMinutesDefaultsAndOverrides() {
        var m = ConnectMinutes()
        #expect(m.minutes(kind: "meeting", own: nil) == 45)
        #expect(m.minutes(kind: "meeting", own: 20) == 20)
        m.overrides["meeting"] = 60
        #expect(m.minutes(kind: "meeting", own: nil) == 60)
        #expect(WorkflowSettings(values: ["minutes.note": "5", "pending-days": "10", "daily-target": "x"]).minutes.minutes(kind: "note", own: nil) == 5)
        #expect(WorkflowSettings(values: ["pending-days": "10"]).pendingDays == 10)
        #expect(WorkflowSettings(values: ["daily-target": "x"]).targets.current == 1)
        #expect(throws: WorkflowError.self) { try WorkflowSettings.validate(key: "daily-target", value: "0") }
        #expect(throws: WorkflowError.self) { try WorkflowSettings.validate(key: "nope", value: "1") }
    }

    @Test func hubMixFlagsMostlySetVoters() {
        let voters: [RecordID: String?] = [id(1): "set", id(2): "set", id(3): "swing", id(4): nil, id(5): "swing"]
        let mix = HubMix.compute(hubs: [(id(100), "Seekers"), (id(101), "Founders")],
                                 members: [(id(100), id(1)), (id(100), id(2)), (id(100), id(3)), (id(101), id(3)), (id(101), id(4)), (id(101), id(5))],
                                 voters: voters, touches: [(id(1), nil), (id(5), nil), (id(4), id(100)), (id(99), nil)])
        let founders = mix.hubs[0], seekers = mix.hubs[1]
        #expect(seekers.name == "Seekers" && seekers.stopLoss)
        #expect(seekers.members.setVoters == 2 && seekers.members.swingVoters == 1)
        #expect(seekers.touches.total == 2)  // a member touched, and a touch at the hub itself
        #expect(!founders.stopLoss)
        #expect(founders.touches.swingVoters == 1 && founders.touches.unknownVoters == 1)
        #expect(mix.touches.total == 3)  // the unknown contact 99 is not counted
    }

    @Test func duplicatesBySameKeysAndSimilarNames() {
        let contacts = [
            DuplicateFinder.Candidate(id: id(1), name: "Ada Lovelace", emails: ["ada@example.com"], filledFields: 5),
            DuplicateFinder.Candidate(id: id(2), name: "A. Lovelace", emails: ["ADA@example.com"], filledFields: 2),
            DuplicateFinder.Candidate(id: id(3), name: "Jonathan Smith", filledFields: 1),
            DuplicateFinder.Candidate(id: id(4), name: "Jonathon Smith", filledFields: 1, interactions: 3),
            DuplicateFinder.Candidate(id: id(5), name: "Smith, Jonathan", filledFields: 1),
            DuplicateFinder.Candidate(id: id(6), name: "Grace Hopper", phones: ["+1 555 010 0199"], linkedin: "https://www.linkedin.com/in/grace"),
            DuplicateFinder.Candidate(id: id(7), name: "G. Hopper", phones: ["(555) 010-0199"]),
            DuplicateFinder.Candidate(id: id(8), name: "Tom Li"),
            DuplicateFinder.Candidate(id: id(9), name: "Tim Li"),
        ]
        let groups = DuplicateFinder.find(contacts)
        #expect(groups.count == 3)
        let ada = groups.first { $0.survivor == id(1) }
        #expect(ada?.duplicates == [id(2)])
        #expect(ada?.reasons == [.sameEmail("ada@example.com")])
        let smith = groups.first { $0.duplicates.contains(id(3)) || $0.survivor == id(3) }
        #expect(smith?.survivor == id(4))  // most interactions at equal fields
        #expect(smith?.duplicates == [id(3), id(5)])
        #expect(groups.contains { $0.survivor == id(6) && $0.duplicates == [id(7)] && $0.reasons == [.samePhone("(555) 010-0199")] })
        #expect(smith?.reasons == [.similarNames])
        #expect(!groups.contains { $0.survivor == id(8) || $0.survivor == id(9) })
    }

    @Test func editDistanceAndNameNormalization() {
        #expect(DuplicateFinder.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(DuplicateFinder.normalizeName("Lovelace, Ádá") == "ada lovelace")
        #expect(DuplicateFinder.normalizeName("  José   Núñez ") == "jose nunez")
    }

    @Test func stageRules() {
        #expect(StageRules.afterTouch("want") == "pending")
        #expect(StageRules.afterTouch("pending") == nil)
        #expect(StageRules.afterReply("pending") == "active")
        #expect(StageRules.afterReply("docket") == nil)
        #expect(StageRules.afterMeetingPlanned(nil) == "docket")
        #expect(StageRules.afterMeetingPlanned("want") == "docket")
        #expect(StageRules.afterMeetingPlanned("active") == nil)
        #expect(StageRules.afterDebrief("docket") == "active")
    }

    @Test func touchWithoutReasonIsRefusedUnlessForced() throws {
        #expect(throws: WorkflowError.nothingToSay(contact: "Ada")) {
            try WorkflowOps.touch(interaction: id(10), contact: id(1), contactName: "Ada", stage: "want", firstTouch: true, date: day("2026-03-02"),
                                  reason: .init(text: "  "), channel: nil, force: false)
        }
        let ops = try WorkflowOps.touch(interaction: id(10), contact: id(1), contactName: "Ada", stage: "want", firstTouch: false,
                                        date: day("2026-03-02"), reason: .init(text: nil), channel: "email", force: true)
        #expect(ops.contains(Op(entity: "interaction", record: id(10), field: "forced", value: .bool(true))))
        #expect(ops.contains(Op(entity: "interaction", record: id(10), field: "kind", value: .text("follow-up"))))
        #expect(ops.contains(Op(entity: "contact", record: id(1), field: "stage", value: .text("pending"))))
        #expect(WorkflowError.nothingToSay(contact: "Ada").description.hasPrefix("Never reach out without something to say"))
    }

    @Test func debriefNeedsLearnedOrNext() throws {
        #expect(throws: WorkflowError.emptyDebrief) {
            try WorkflowOps.debrief(meeting: id(20), planned: true, contact: id(1), stage: "docket", date: day("2026-03-02"), .init(outcome: "fine"))
        }
        let ops = try WorkflowOps.debrief(meeting: id(20), planned: false, contact: id(1), stage: "docket", date: day("2026-03-02"),
                                          .init(others: [id(2)], learned: "a lot", followUp: day("2026-03-09")))
        #expect(ops.contains(Op(entity: "interaction", record: id(20), field: "kind", value: .text("meeting"))))
        #expect(ops.contains(Op(entity: "interaction", record: id(20), field: "others", value: .refs([id(2)]))))
        #expect(ops.contains(Op(entity: "contact", record: id(1), field: "stage", value: .text("active"))))
    }
}
