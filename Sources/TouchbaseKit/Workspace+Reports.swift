import Foundation
import TouchbaseStore

/// The method's views: today's plan, the pace, the board, the hub mix, the likely duplicates.
extension Workspace {
    /// Today's plan (see ``TodayPlanner``). With `target`, the daily new-touch target is set
    /// first (it syncs).
    ///
    /// - throws: the workflow error for a target out of its range.
    public func todayPlan(target: Int? = nil) throws -> TodayPlan {
        let day = today
        if let target { try store.setSetting(WorkflowSettings.targetKey, String(target), today: day) }
        let input = try store.todayInput(today: day)
        var plan = TodayPlanner.plan(input)
        try addAgendaReasons(to: &plan, contacts: input.contacts)
        return plan
    }

    /// Prep against connect time over `period`, ending today.
    public func pace(_ period: PacePeriod = .week) throws -> PaceSummary {
        let to = today
        let from = period.start(endingOn: to)
        let data = try store.paceMinutes(from: from, to: to, minutes: try store.workflowSettings().minutes)
        let report = PaceReport.build(from: from, to: to, granularity: period.granularity, prep: data.prep, connect: data.connect)
        return PaceSummary(from: from, to: to, report: report)
    }

    /// The board: every staged contact, and the stages to show (all, or the one asked for).
    ///
    /// - throws: ``WorkspaceError`` `.malformed` (field `stage`) for a stage that does not exist.
    public func board(stage: String? = nil) throws -> Board {
        let wanted = try stage.map(Board.stage(parsing:))
        let (entries, unstaged) = try store.board(today: today)
        let stages = wanted.map { [$0] } ?? Schema.stages
        let rows = entries.map { e in
            Board.Entry(id: e.id, name: e.name, organization: e.organization, stage: e.stage, voter: e.voter, hasAsk: e.hasAsk,
                        hasOffer: e.hasOffer, lastTouch: e.lastTouch, nextStep: e.nextStep, followUp: e.followUp, meeting: e.meeting)
        }
        return Board(stages: stages, entries: rows, unstaged: unstaged)
    }

    /// Each hub's mix of set and swing voters (one hub, or all), counting the touches of the last
    /// `days` days (the `mix-days` setting when `nil`).
    ///
    /// - throws: ``WorkspaceError`` `.outOfRange` (field `days`) outside ``WorkflowLimits/windowDays``.
    public func hubMix(hub: RecordID? = nil, days: Int? = nil) throws -> HubMixReport {
        if let days { _ = try WorkflowLimits.check(days, in: WorkflowLimits.windowDays, field: "days") }
        let day = today
        let window = try days ?? store.workflowSettings().mixDays
        let since = day.adding(days: -(window - 1))
        let mix = try store.hubMix(since: since, today: day)
        return HubMixReport(since: since, days: window, hubs: mix.hubs.filter { hub == nil || $0.id == hub }, touches: mix.touches)
    }

    /// Likely duplicate contacts, each group with the contact to keep. Nothing is changed.
    public func duplicates() throws -> [DuplicateGroup] {
        let candidates = try store.duplicateCandidates()
        let names = Dictionary(candidates.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        func member(_ id: RecordID) -> DuplicateGroup.Member { .init(id: id, name: names[id] ?? "") }
        return DuplicateFinder.find(candidates).map { g in
            DuplicateGroup(survivor: member(g.survivor), duplicates: g.duplicates.map(member), reasons: g.reasons)
        }
    }
}
