/// Turns a ``TodayInput`` into the day's ``TodayPlan``. Pure: same input, same plan.
///
/// The rules, in the order the plan shows them:
///
/// - **New touches.** `target − new touches logged today` contacts from the wishlist (`want`)
///   and the docket, not already in contact today. Swing voters first, then people with both an
///   ask and an offer, then those with a library reason not yet shared with them; within a rank,
///   the longest without contact (never first), then by name. Contacts met today are left out,
///   and so are contacts with neither an ask nor an offer while some candidate has one (a touch
///   is worth something only with one of them; with nobody better they are still suggested).
/// - **Follow-ups.** For each contact, the latest interaction carrying a follow-up date on or
///   before today, unless a later-dated interaction has been logged since (that was the follow-up).
/// - **Keep in touch.** Contacts with a cadence (their own, else the shortest of their tags'):
///   due on `last interaction + cadence`, any logged interaction restarting the clock; a contact
///   never in touch is due today. Contacts already listed under follow-ups are left out.
/// - **Pending.** Contacts at stage `pending` whose latest unanswered outreach is more than
///   `pending-days` old.
/// - **Meetings.** Planned meetings today, by time, each flagged when the contact lacks an ask or
///   an offer; planned meetings of earlier days are listed to debrief.
/// - **Streak** and **branch out**: see ``Streak``.
public enum TodayPlanner {
    /// The plan for `input`.
    public static func plan(_ input: TodayInput) -> TodayPlan {
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
    public static func openFollowUps(_ followUps: [PlanFollowUp], contacts: [RecordID: PlanContact]) -> [RecordID: PlanFollowUp] {
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
