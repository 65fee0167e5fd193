import Foundation
import TouchbaseCore
import TouchbaseStore

/// The funnel, measured: is the method working?
extension Workspace {
    /// The window ``funnel(weeks:)`` accepts, in weeks.
    public static let funnelWeeks = 1...104

    /// The funnel of the last `weeks` weeks (Monday to Sunday, the current one included).
    ///
    /// Counts, each on its own day: touches are done outgoing new touches and follow-ups; replies
    /// are logged replies; meetings are done meetings and informational interviews; referrals are
    /// referrers linked to an opportunity (the day of the link); applications, interviews and offers
    /// are the days opportunities reached those stages. Response rates take the window's touches
    /// and count those answered (a reply stopped their pending clock). Deleted records and the
    /// records of deleted contacts are left out.
    ///
    /// - throws: ``WorkspaceError`` `.outOfRange` (field `weeks`) outside ``Workspace/funnelWeeks``.
    public func funnel(weeks: Int = 8) throws -> FunnelStats {
        guard Workspace.funnelWeeks.contains(weeks) else {
            throw WorkspaceError(.outOfRange, field: "weeks", detail: "\(Workspace.funnelWeeks.lowerBound)...\(Workspace.funnelWeeks.upperBound)")
        }
        let day = today
        let monday = Workspace.monday(of: day)
        let from = monday.adding(days: -7 * (weeks - 1))
        var table = (0..<weeks).map { FunnelWeek(start: from.adding(days: 7 * $0)) }
        func week(_ d: CalendarDate?) -> Int? {
            guard let d, d >= from, d <= day, let n = from.days(until: d) else { return nil }
            return n / 7
        }

        // Contacts (visible ones, merges followed), hubs and memberships.
        var all = RecordQuery(entity: "contact")
        all.includeHidden = true
        all.fields = ["source", "voter"]
        var survivor: [RecordID: RecordID] = [:]
        var contacts: [RecordID: Record] = [:]
        for r in try store.records(all) {
            if let s = r.survivor { survivor[r.id] = s } else if !r.deleted { contacts[r.id] = r }
        }
        func shown(_ id: RecordID?) -> Record? { id.flatMap { contacts[survivor[$0] ?? $0] } }
        var hubNames: [RecordID: String] = [:]
        for h in try store.records(RecordQuery(entity: "hub")) { hubNames[h.id] = h.displayName }
        var hubsOf: [RecordID: Set<String>] = [:]
        for m in try store.records(RecordQuery(entity: "membership")) {
            guard let c = shown(m["contact"].ref), let name = m["hub"].ref.flatMap({ hubNames[$0] }) else { continue }
            hubsOf[c.id, default: []].insert(name)
        }

        var rates: [String: [String?: ResponseRate]] = ["channel": [:], "source": [:], "voter": [:], "hub": [:]]
        func count(_ dimension: String, _ label: String?, answered: Bool) {
            var r = rates[dimension]![label] ?? ResponseRate(label: label, sent: 0, answered: 0)
            r.sent += 1
            if answered { r.answered += 1 }
            rates[dimension]![label] = r
        }
        var interactions = RecordQuery(entity: "interaction")
        interactions.fields = ["contact", "hub", "date", "kind", "direction", "channel", "status", "answered"]
        for i in try store.records(interactions) {
            guard let c = shown(i["contact"].ref), let w = week(i["date"].date) else { continue }
            let status = i.text("status") ?? "done"
            guard status == "done" else { continue }
            switch i.text("kind") {
            case "new-touch", "follow-up":
                guard i.text("direction") != "in" else { continue }
                table[w].touches += 1
                let answered = i["answered"].date != nil
                count("channel", i.text("channel").map { $0.lowercased() }, answered: answered)
                count("source", c.text("source"), answered: answered)
                count("voter", c.text("voter"), answered: answered)
                let hubs = i["hub"].ref.flatMap { hubNames[$0] }.map { [$0] } ?? (hubsOf[c.id] ?? []).sorted()
                if hubs.isEmpty { count("hub", nil, answered: answered) }
                for hub in hubs { count("hub", hub, answered: answered) }
            case "reply": table[w].replies += 1
            case "meeting", "informational": table[w].meetings += 1
            default: break
            }
        }

        var liveOpportunities = Set<RecordID>()
        for o in try store.records(RecordQuery(entity: "opportunity")) {
            liveOpportunities.insert(o.id)
            if let w = week(o["applied"].date) { table[w].applications += 1 }
            if let w = week(o["interviewing"].date) { table[w].interviews += 1 }
            if let w = week(o["offered"].date) { table[w].offers += 1 }
        }
        for link in try store.records(RecordQuery(entity: "opportunityContact")) where link.text("role") == OpportunityContactRole.referrer.rawValue {
            guard let o = link["opportunity"].ref, liveOpportunities.contains(o), shown(link["contact"].ref) != nil,
                  let w = week(link["since"].date) else { continue }
            table[w].referrals += 1
        }

        var total = FunnelWeek(start: from)
        for w in table {
            total.touches += w.touches; total.replies += w.replies; total.meetings += w.meetings; total.referrals += w.referrals
            total.applications += w.applications; total.interviews += w.interviews; total.offers += w.offers
        }
        func ranked(_ dimension: String) -> [ResponseRate] {
            rates[dimension]!.values.sorted { a, b in
                if a.sent != b.sent { return a.sent > b.sent }
                switch (a.label, b.label) {
                case let (x?, y?): return x.lowercased() < y.lowercased()
                case (_?, nil): return true
                default: return false
                }
            }
        }
        return FunnelStats(from: from, through: day, weeks: table, total: total, byChannel: ranked("channel"), bySource: ranked("source"),
                           byVoter: ranked("voter"), byHub: ranked("hub"))
    }

    /// The Monday on or before `day`.
    static func monday(of day: CalendarDate) -> CalendarDate {
        guard let n = day.dayNumber else { return day }
        // Day 0 (1970-01-01) was a Thursday: Monday is 3 days before it.
        let offset = ((n + 3) % 7 + 7) % 7
        return day.adding(days: -offset)
    }
}
