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
        let open = openFollowUps(input.followUps.filter { $0.due <= today }, contacts: contacts)
        followUps.reserveCapacity(open.count)
        for f in open.values {
            let c = contacts[f.contact]!
            followUps.append(.init(contact: c.id, name: c.name, due: f.due, overdueDays: max(0, f.due.days(until: today) ?? 0),
                                   nextStep: f.nextStep, interaction: f.interaction))
        }
        // The order of `(due, name, contact)`, compared field by field (no tuple is built).
        followUps.sort { a, b in
            if a.due != b.due { return a.due < b.due }
            if a.name != b.name { return a.name < b.name }
            return a.contact < b.contact
        }
        let followingUp = Set(followUps.map(\.contact))

        // New touches: only the first `target − done` are needed (none once the target is met).
        let wanted = max(0, target - doneToday)
        let picks = wanted > 0 ? newTouches(input, wanted: wanted) : []

        // Keep in touch, ordered by (due, lowercased name, contact), each name lowercased once.
        var keep: [TodayPlan.KeepInTouch] = []
        var keepNames: [String] = []
        for c in contacts.values {
            guard let cadence = c.effectiveCadence, !followingUp.contains(c.id) else { continue }
            let due = c.lastInteraction.map { $0.adding(days: cadence) } ?? today
            guard due <= today else { continue }
            keep.append(.init(contact: c.id, name: c.name, cadence: cadence, lastInteraction: c.lastInteraction, due: due,
                              overdueDays: max(0, due.days(until: today) ?? 0)))
            keepNames.append(c.name.lowercased())
        }
        keep = ordered(keep, names: keepNames) { a, b in a.due != b.due ? a.due < b.due : nil } then: { a, b in a.contact < b.contact }

        // Pending outreach.
        var latestOut: [RecordID: PlanOutreach] = [:]
        latestOut.reserveCapacity(input.outreach.count)
        for o in input.outreach {
            if let seen = latestOut[o.contact], (seen.date, seen.interaction) >= (o.date, o.interaction) { continue }
            latestOut[o.contact] = o
        }
        var stale: [TodayPlan.Stale] = []
        var staleNames: [String] = []
        for o in latestOut.values where o.answered == nil {
            guard let c = contacts[o.contact], c.stage == "pending", let days = o.date.days(until: today),
                  days > input.settings.pendingDays else { continue }
            stale.append(.init(contact: c.id, name: c.name, sent: o.date, days: days, reason: o.reason, interaction: o.interaction))
            staleNames.append(c.name.lowercased())
        }
        stale = ordered(stale, names: staleNames) { a, b in a.sent != b.sent ? a.sent < b.sent : nil } then: { a, b in a.contact < b.contact }

        // Meetings.
        var meetings: [TodayPlan.Meeting] = []
        var meetingNames: [String] = []
        var toDebrief: [TodayPlan.Meeting] = []
        for m in input.meetings where m.date <= today {
            guard let c = contacts[m.contact] else { continue }
            var missing: [String] = []
            if !c.hasAsk { missing.append("ask") }
            if !c.hasOffer { missing.append("offer") }
            let item = TodayPlan.Meeting(contact: c.id, name: c.name, date: m.date, time: m.time, hub: m.hub, exitGoal: m.exitGoal,
                                         missing: missing, interaction: m.interaction)
            if m.date == today {
                meetings.append(item)
                meetingNames.append(c.name.lowercased())
            } else {
                toDebrief.append(item)
            }
        }
        meetings = ordered(meetings, names: meetingNames) { a, b in
            let at = a.time ?? "99:99", bt = b.time ?? "99:99"
            return at != bt ? at < bt : nil
        } then: { a, b in a.interaction < b.interaction }
        toDebrief.sort { ($0.date, $0.time ?? "", $0.interaction) < ($1.date, $1.time ?? "", $1.interaction) }

        return TodayPlan(
            date: today, target: target, doneToday: doneToday, newTouches: picks, followUps: followUps,
            keepInTouch: keep, pending: stale, pendingDays: input.settings.pendingDays, meetings: meetings, toDebrief: toDebrief,
            streak: Streak.current(counts: input.newTouchesByDay, targets: input.settings.targets, today: today),
            branchOut: Streak.branchOut(counts: input.newTouchesByDay, target: target, today: today))
    }

    /// The `wanted` new touches: wishlist and docket contacts not in touch today, best first.
    private static func newTouches(_ input: TodayInput, wanted: Int) -> [TodayPlan.Pick] {
        let today = input.today
        let reasons = input.reasons.sorted { ($0.uses, $0.text, $0.id) < ($1.uses, $1.text, $1.id) }
        var candidates: [Candidate] = []
        candidates.reserveCapacity(input.contacts.count)
        let meetingToday = Set(input.meetings.filter { $0.date == today }.map(\.contact))
        for c in input.contacts.values where c.stage == "want" || c.stage == "docket" {
            if c.lastInteraction == today || meetingToday.contains(c.id) { continue }
            let unused = reasons.first { !c.usedReasons.contains($0.id) }
            var rank = 0
            if c.voter == "swing" { rank += 4 }
            if c.hasAsk && c.hasOffer { rank += 2 }
            if unused != nil { rank += 1 }
            candidates.append(Candidate(rank: rank, last: c.lastInteraction?.dayNumber ?? Int.min, c: c, unused: unused))
        }
        if candidates.contains(where: { $0.c.hasAsk || $0.c.hasOffer }) {
            candidates.removeAll { !$0.c.hasAsk && !$0.c.hasOffer }
        }
        // A partial selection, not a full sort.
        func before(_ a: Candidate, _ b: Candidate) -> Bool {
            if a.rank != b.rank { return a.rank > b.rank }
            if a.last != b.last { return a.last < b.last }
            let an = a.c.name.lowercased(), bn = b.c.name.lowercased()
            return an != bn ? an < bn : a.c.id < b.c.id
        }
        var chosen: [Candidate] = []
        for cand in candidates {
            if chosen.count == wanted, !before(cand, chosen[wanted - 1]) { continue }
            let at = chosen.firstIndex { before(cand, $0) } ?? chosen.count
            chosen.insert(cand, at: at)
            if chosen.count > wanted { chosen.removeLast() }
        }
        return chosen.map { cand -> TodayPlan.Pick in
            var why: [PickReason] = []
            if cand.c.voter == "swing" { why.append(.swingVoter) }
            if cand.c.hasAsk && cand.c.hasOffer { why.append(.askAndOffer) }
            if let unused = cand.unused { why.append(.unusedReason(unused.id)) }
            return .init(contact: cand.c.id, name: cand.c.name, stage: cand.c.stage, why: why, suggestedReason: cand.unused)
        }
    }

    /// A contact that could get a new touch, with its rank.
    private struct Candidate {
        var rank: Int
        var last: Int
        var c: PlanContact
        var unused: PlanReason?
    }

    /// `items` in the order of (`first`, the lowercased name in `names`, `then`): `first` decides
    /// unless it returns `nil` (a tie), then the names, then `then`. The items are not moved while
    /// they are compared, and no name is lowercased in a comparison.
    private static func ordered<T>(_ items: [T], names: [String], _ first: (T, T) -> Bool?,
                                   then: (T, T) -> Bool) -> [T] {
        var order = Array(items.indices)
        order.sort { i, j in
            if let before = first(items[i], items[j]) { return before }
            if names[i] != names[j] { return names[i] < names[j] }
            return then(items[i], items[j])
        }
        return order.map { items[$0] }
    }

    /// The follow-up still open for each contact: the latest one set (by the day of the
    /// interaction that set it), unless a later-dated interaction was logged since.
    public static func openFollowUps(_ followUps: [PlanFollowUp], contacts: [RecordID: PlanContact]) -> [RecordID: PlanFollowUp] {
        var latest = LatestFollowUps(capacity: followUps.count)
        for f in followUps { latest.add(f) }
        return latest.open(contacts: contacts)
    }

    /// Each contact's latest follow-up, fed one at a time (the first step of
    /// ``openFollowUps(_:contacts:)``, for a reader that streams them).
    public struct LatestFollowUps: Sendable {
        /// The latest follow-up of each contact fed so far.
        public private(set) var latest: [RecordID: PlanFollowUp]

        /// An empty selection with room for about `capacity` contacts.
        public init(capacity: Int = 0) {
            latest = [:]
            latest.reserveCapacity(capacity)
        }

        /// Keeps `f` when it was set later than the contact's latest so far (by the day of the
        /// interaction that set it, a day-less one first; then the later due date; then the greater
        /// interaction id).
        public mutating func add(_ f: PlanFollowUp) {
            guard let i = latest.index(forKey: f.contact) else {
                latest[f.contact] = f
                return
            }
            let seen = latest.values[i]
            if (seen.setOn?.dayNumber ?? Int.min, seen.due, seen.interaction) >= (f.setOn?.dayNumber ?? Int.min, f.due, f.interaction) { return }
            latest.values[i] = f
        }

        /// The latest follow-up of each of `contacts` that no later-dated interaction closed.
        public func open(contacts: [RecordID: PlanContact]) -> [RecordID: PlanFollowUp] {
            var out: [RecordID: PlanFollowUp] = [:]
            out.reserveCapacity(latest.count)
            for (id, f) in latest {
                guard let i = contacts.index(forKey: id) else { continue }
                if let last = contacts.values[i].lastInteraction, let setOn = f.setOn, last > setOn { continue }
                out[id] = f
            }
            return out
        }
    }
}
