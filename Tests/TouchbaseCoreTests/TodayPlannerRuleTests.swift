import Testing
@testable import TouchbaseCore
import TouchbaseTestSupport

/// The day's plan against its rules written out plainly (the planner as it was before it was made
/// faster: tuples compared, names lowercased in every comparison, every candidate ranked), on
/// random inputs full of ties: equal dates, names equal but for case, accented names, missing
/// years, times and dates.
@Suite struct TodayPlannerRuleTests {
    @Test func thePlanIsTheSameAsTheRulesGiveOnRandomInputs() {
        let base = SeededGenerator.seed(fallback: 9_090)
        for n in 0..<400 {
            var rng = SeededGenerator(seed: base &+ UInt64(n))
            let input = Self.randomInput(&rng)
            let plan = TodayPlanner.plan(input)
            let expected = ReferenceTodayPlanner.plan(input)
            #expect(plan == expected, "seed \(rng.seed)")
            #expect(TodayPlanner.openFollowUps(input.followUps, contacts: input.contacts)
                == ReferenceTodayPlanner.openFollowUps(input.followUps, contacts: input.contacts), "seed \(rng.seed)")
            if plan != expected { return }
        }
    }

    @Test func theRandomInputsReachEveryPartOfThePlan() {
        var seen: Set<String> = []
        for n in 0..<400 {
            var rng = SeededGenerator(seed: 9_090 &+ UInt64(n))
            let plan = TodayPlanner.plan(Self.randomInput(&rng))
            if plan.newTouches.count > 1 { seen.insert("picks") }
            if plan.followUps.count > 1 { seen.insert("followUps") }
            if plan.keepInTouch.count > 1 { seen.insert("keep") }
            if plan.pending.count > 1 { seen.insert("pending") }
            if plan.meetings.count > 1 { seen.insert("meetings") }
            if plan.toDebrief.count > 1 { seen.insert("toDebrief") }
        }
        #expect(seen == ["picks", "followUps", "keep", "pending", "meetings", "toDebrief"])
    }

    static let today = CalendarDate(year: 2026, month: 3, day: 2)!
    static let names = ["Ada", "ada", "ADA", "Åsa", "Zoë", "Émile", "Bob", "bob", "Chen", "Ng", "Ada "]

    static func randomInput(_ rng: inout SeededGenerator) -> TodayInput {
        func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }
        func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
        func id() -> RecordID { Fixtures.record(UInt64.random(in: 0..<64, using: &rng)) }
        func day() -> CalendarDate {
            chance(0.05) ? CalendarDate(year: nil, month: 3, day: 2)! : today.adding(days: Int.random(in: -40...10, using: &rng))
        }
        var contacts: [RecordID: PlanContact] = [:]
        for _ in 0..<Int.random(in: 0..<40, using: &rng) {
            let c = PlanContact(id: id(), name: pick(names), stage: pick([nil, "want", "docket", "pending", "active"]),
                                voter: pick([nil, "set", "swing"]), hasAsk: chance(0.5), hasOffer: chance(0.5),
                                cadence: chance(0.3) ? pick([0, 7, 14, 30]) : nil, tagCadence: chance(0.3) ? pick([0, 7, 30]) : nil,
                                lastInteraction: chance(0.7) ? day() : nil)
            contacts[c.id] = c
        }
        let reasons = (0..<Int.random(in: 0..<4, using: &rng)).map { n in
            PlanReason(id: Fixtures.record(1_000 + UInt64(n)), text: pick(["blog", "Blog", "talk"]), uses: Int.random(in: 0..<3, using: &rng))
        }
        for key in Array(contacts.keys) where chance(0.4) {
            contacts[key]!.usedReasons = Set(reasons.filter { _ in chance(0.5) }.map(\.id))
        }
        var input = TodayInput(today: today, contacts: contacts, reasons: reasons)
        var settings = WorkflowSettings()
        settings.targets = TargetHistory(constant: Int.random(in: 1...6, using: &rng))
        settings.pendingDays = pick([1, 7])
        input.settings = settings
        input.newTouchesByDay = [today: Int.random(in: 0...3, using: &rng), today.adding(days: -1): 2]
        let known = Array(contacts.keys) + [id()]
        // Interactions have ids of their own, each used once.
        var next: UInt64 = 10_000
        func interaction() -> RecordID {
            next += 1
            return Fixtures.record(next)
        }
        for _ in 0..<Int.random(in: 0..<40, using: &rng) where !known.isEmpty {
            input.followUps.append(PlanFollowUp(interaction: interaction(), contact: pick(known), due: day(), setOn: chance(0.9) ? day() : nil,
                                                nextStep: chance(0.3) ? "next" : nil))
            input.outreach.append(PlanOutreach(interaction: interaction(), contact: pick(known), date: day(), reason: chance(0.5) ? "hi" : nil,
                                               answered: chance(0.3) ? day() : nil))
            input.meetings.append(PlanMeeting(interaction: interaction(), contact: pick(known), date: chance(0.5) ? today : day(),
                                              time: pick([nil, "09:00", "10:30"]), hub: nil, exitGoal: chance(0.5) ? "a referral" : nil))
        }
        return input
    }
}

/// The planner's rules as they were first written.
private enum ReferenceTodayPlanner {
    static func plan(_ input: TodayInput) -> TodayPlan {
        let today = input.today
        let target = input.settings.targets.target(on: today)
        let doneToday = input.newTouchesByDay[today] ?? 0
        let contacts = input.contacts

        // Follow-ups: the latest per contact, unless done since.
        var followUps: [TodayPlan.FollowUp] = []
        for f in openFollowUps(input.followUps.filter { $0.due <= today }, contacts: contacts).values {
            let c = contacts[f.contact]!
            followUps.append(.init(contact: c.id, name: c.name, due: f.due, overdueDays: max(0, f.due.days(until: today) ?? 0),
                                   nextStep: f.nextStep, interaction: f.interaction))
        }
        followUps.sort { ($0.due, $0.name, $0.contact) < ($1.due, $1.name, $1.contact) }
        let followingUp = Set(followUps.map(\.contact))

        // New touches.
        let reasons = input.reasons.sorted { ($0.uses, $0.text, $0.id) < ($1.uses, $1.text, $1.id) }
        var candidates: [(rank: Int, last: Int, c: PlanContact, unused: PlanReason?)] = []
        candidates.reserveCapacity(contacts.count)
        let meetingToday = Set(input.meetings.filter { $0.date == today }.map(\.contact))
        for c in contacts.values where c.stage == "want" || c.stage == "docket" {
            if c.lastInteraction == today || meetingToday.contains(c.id) { continue }
            let unused = reasons.first { !c.usedReasons.contains($0.id) }
            var rank = 0
            if c.voter == "swing" { rank += 4 }
            if c.hasAsk && c.hasOffer { rank += 2 }
            if unused != nil { rank += 1 }
            candidates.append((rank, c.lastInteraction?.dayNumber ?? Int.min, c, unused))
        }
        if candidates.contains(where: { $0.c.hasAsk || $0.c.hasOffer }) {
            candidates.removeAll { !$0.c.hasAsk && !$0.c.hasOffer }
        }
        // Only the first `target − done` are needed: a partial selection, not a full sort.
        func before(_ a: (rank: Int, last: Int, c: PlanContact, unused: PlanReason?), _ b: (rank: Int, last: Int, c: PlanContact, unused: PlanReason?)) -> Bool {
            if a.rank != b.rank { return a.rank > b.rank }
            if a.last != b.last { return a.last < b.last }
            let an = a.c.name.lowercased(), bn = b.c.name.lowercased()
            return an != bn ? an < bn : a.c.id < b.c.id
        }
        var chosen: [(rank: Int, last: Int, c: PlanContact, unused: PlanReason?)] = []
        let wanted = max(0, target - doneToday)
        if wanted > 0 {
            for cand in candidates {
                if chosen.count == wanted, !before(cand, chosen[wanted - 1]) { continue }
                let at = chosen.firstIndex { before(cand, $0) } ?? chosen.count
                chosen.insert(cand, at: at)
                if chosen.count > wanted { chosen.removeLast() }
            }
        }
        let picks = chosen.map { cand -> TodayPlan.Pick in
            var why: [PickReason] = []
            if cand.c.voter == "swing" { why.append(.swingVoter) }
            if cand.c.hasAsk && cand.c.hasOffer { why.append(.askAndOffer) }
            if let unused = cand.unused { why.append(.unusedReason(unused.id)) }
            return .init(contact: cand.c.id, name: cand.c.name, stage: cand.c.stage, why: why, suggestedReason: cand.unused)
        }

        // Keep in touch.
        var keep: [TodayPlan.KeepInTouch] = []
        for c in contacts.values {
            guard let cadence = c.effectiveCadence, !followingUp.contains(c.id) else { continue }
            let due = c.lastInteraction.map { $0.adding(days: cadence) } ?? today
            guard due <= today else { continue }
            keep.append(.init(contact: c.id, name: c.name, cadence: cadence, lastInteraction: c.lastInteraction, due: due,
                              overdueDays: max(0, due.days(until: today) ?? 0)))
        }
        keep = keep.map { ($0, $0.name.lowercased()) }.sorted { ($0.0.due, $0.1, $0.0.contact) < ($1.0.due, $1.1, $1.0.contact) }.map(\.0)

        // Pending outreach.
        var latestOut: [RecordID: PlanOutreach] = [:]
        for o in input.outreach {
            if let seen = latestOut[o.contact], (seen.date, seen.interaction) >= (o.date, o.interaction) { continue }
            latestOut[o.contact] = o
        }
        var stale: [TodayPlan.Stale] = []
        for o in latestOut.values where o.answered == nil {
            guard let c = contacts[o.contact], c.stage == "pending", let days = o.date.days(until: today),
                  days > input.settings.pendingDays else { continue }
            stale.append(.init(contact: c.id, name: c.name, sent: o.date, days: days, reason: o.reason, interaction: o.interaction))
        }
        stale.sort { ($0.sent, $0.name.lowercased(), $0.contact) < ($1.sent, $1.name.lowercased(), $1.contact) }

        // Meetings.
        var meetings: [TodayPlan.Meeting] = []
        var toDebrief: [TodayPlan.Meeting] = []
        for m in input.meetings where m.date <= today {
            guard let c = contacts[m.contact] else { continue }
            var missing: [String] = []
            if !c.hasAsk { missing.append("ask") }
            if !c.hasOffer { missing.append("offer") }
            let item = TodayPlan.Meeting(contact: c.id, name: c.name, date: m.date, time: m.time, hub: m.hub, exitGoal: m.exitGoal,
                                         missing: missing, interaction: m.interaction)
            if m.date == today { meetings.append(item) } else { toDebrief.append(item) }
        }
        meetings.sort { ($0.time ?? "99:99", $0.name.lowercased(), $0.interaction) < ($1.time ?? "99:99", $1.name.lowercased(), $1.interaction) }
        toDebrief.sort { ($0.date, $0.time ?? "", $0.interaction) < ($1.date, $1.time ?? "", $1.interaction) }

        return TodayPlan(
            date: today, target: target, doneToday: doneToday, newTouches: Array(picks), followUps: followUps,
            keepInTouch: keep, pending: stale, pendingDays: input.settings.pendingDays, meetings: meetings, toDebrief: toDebrief,
            streak: Streak.current(counts: input.newTouchesByDay, targets: input.settings.targets, today: today),
            branchOut: Streak.branchOut(counts: input.newTouchesByDay, target: target, today: today))
    }

    /// The follow-up still open for each contact: the latest one set (by the day of the
    /// interaction that set it), unless a later-dated interaction was logged since.
    static func openFollowUps(_ followUps: [PlanFollowUp], contacts: [RecordID: PlanContact]) -> [RecordID: PlanFollowUp] {
        var latest: [RecordID: PlanFollowUp] = [:]
        for f in followUps {
            guard contacts.keys.contains(f.contact) else { continue }
            if let seen = latest[f.contact],
               (seen.setOn?.dayNumber ?? Int.min, seen.due, seen.interaction) >= (f.setOn?.dayNumber ?? Int.min, f.due, f.interaction) { continue }
            latest[f.contact] = f
        }
        return latest.filter { id, f in
            guard let last = contacts[id]?.lastInteraction, let setOn = f.setOn else { return true }
            return last <= setOn
        }
    }
}
