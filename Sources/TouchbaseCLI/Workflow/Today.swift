import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseKit
import TouchbaseStore

extension Touchbase {
    /// `touchbase today`: the day's plan (the default command).
    struct Today: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "today",
            abstract: "The day's plan: new touches, follow-ups, keep-in-touch, stale outreach, meetings, streak.",
            discussion: """
                New touches are picked from the wishlist and the docket: swing voters first, then people \
                with both an ask and an offer, then those with a library reason not yet shared with them. \
                Follow-ups are due on their date until a later interaction is logged. Keep-in-touch is due \
                on last interaction + cadence (the contact's own, else its tags'; any logged interaction \
                restarts it). Outreach unanswered for more than `pending-days` (default 7) is listed. \
                The streak counts consecutive days meeting the daily target; once it is met on 10 of 14 \
                days, the plan suggests branching out. This is the command run when none is given.
                """)

        @OptionGroup var home: HomeOptions
        @OptionGroup var output: OutputOptions

        @Option(name: .long, help: ArgumentHelp("Set the daily new-touch target (synced to every device) before planning.", valueName: "n"))
        var target: Int?

        @Flag(name: .long, help: "List every item (the text view shows at most 10 per section).")
        var all = false

        func run() throws {
            // Without `--target` the plan only reads.
            let ctx = try CLIContext(home, readOnly: target == nil)
            let plan = try ctx.kit.todayPlan(target: target)
            let opportunities = try ctx.kit.opportunityDay()
            if output.json {
                var json = TodayJSON(plan)
                json.opportunities = OpportunityDayJSON.make(opportunities)
                try JSONOutput.emit(json)
            } else {
                print(TodayView.text(plan, terminal: ctx.terminal, all: all))
                if !opportunities.isEmpty { print(OpportunityDayView.text(opportunities, terminal: ctx.terminal)) }
            }
        }
    }
}

/// How the plan is shown.
enum TodayView {
    static func text(_ p: TodayPlan, terminal t: Terminal, all: Bool) -> TextBlock {
        var out: [String] = []
        func line(_ s: String = "") { out.append(s) }
        func section<T>(_ title: String, _ items: [T], _ render: (T) -> Void) {
            guard !items.isEmpty else { return }
            line()
            line(t.bold(title))
            let shown = all ? items[...] : items.prefix(10)
            shown.forEach(render)
            if shown.count < items.count { line(t.dim("  … and \(items.count - shown.count) more (touchbase today --all)")) }
        }
        let streak = p.streak == 0 ? "no streak yet" : "streak: \(WorkflowSupport.days(p.streak))"
        line(t.bold("Today, \(WorkflowSupport.longDate(p.date))") + "   " + t.dim(streak))

        line()
        let remaining = max(0, p.target - p.doneToday)
        line(t.bold("New touches") + t.dim("  \(p.doneToday) of \(p.target) done"))
        if remaining == 0 {
            line("  " + t.green("✓ target met for today"))
        } else if p.newTouches.isEmpty {
            line("  Nobody on the wishlist or the docket: add people you want to meet (touchbase contact add … --stage want).")
        }
        for pick in p.newTouches {
            let why = pick.why.isEmpty ? "" : t.dim(" — " + pick.why.map(WorkflowText.why).joined(separator: ", "))
            line("  → \(pick.name) (\(pick.stage ?? "want"))\(why)")
            if let r = pick.suggestedReason {
                line("      share: \"\(r.text)\"   " + t.dim("touchbase touch \(WorkflowSupport.shellWord(pick.name)) --share \(String(r.id.hex.prefix(8)))"))
            } else {
                line(t.dim("      touchbase touch \(WorkflowSupport.shellWord(pick.name)) --reason \"…\""))
            }
        }

        section("Meetings today", p.meetings) { m in
            let at = m.hub.map { " at \($0)" } ?? ""
            line("  \(m.time ?? "--:--")  \(m.name)\(at)" + (m.exitGoal.map { t.dim(" — exit: \($0)") } ?? ""))
            if !m.missing.isEmpty {
                line("         " + t.yellow("⚠ no \(m.missing.joined(separator: ", no ")) — don't bother until you have one (touchbase contact edit)"))
            }
        }
        section("Follow-ups due", p.followUps) { f in
            let late = f.overdueDays == 0 ? "due today" : "\(WorkflowSupport.days(f.overdueDays)) late"
            line("  \(f.name)" + t.dim(" — \(late)") + (f.nextStep.map { " — next: \($0)" } ?? ""))
        }
        section("Keep in touch", p.keepInTouch) { k in
            let last = k.lastInteraction.map { "last \($0)" } ?? "never in touch"
            let late = k.overdueDays == 0 ? "due today" : "\(WorkflowSupport.days(k.overdueDays)) late"
            line("  \(k.name)" + t.dim(" — every \(WorkflowSupport.days(k.cadence)), \(last), \(late)"))
        }
        section("No answer for more than \(WorkflowSupport.days(p.pendingDays))", p.pending) { s in
            line("  \(s.name)" + t.dim(" — sent \(s.sent) (\(WorkflowSupport.days(s.days)) ago)") + (s.reason.map { ": \"\($0)\"" } ?? ""))
        }
        // Agenda and imports (issue 11): birthdays and job changes, reasons to reach out.
        section("Birthdays", p.birthdays) { b in
            let when = WorkflowSupport.relative(b.date, today: p.date)
            line("  \(b.title)" + t.dim(" — \(when == "today" ? "today" : WorkflowSupport.weekday(b.date) + " " + b.date.description)") + (b.age.map { t.dim(", turns \($0)") } ?? ""))
        }
        section("Something to say", p.jobChanges) { j in
            line("  " + TodayView.congratulate(j))
        }
        section("To debrief", p.toDebrief) { m in
            line("  \(m.name)" + t.dim(" — met \(m.date)") + "   " + t.dim("touchbase debrief \(WorkflowSupport.shellWord(m.name))"))
        }
        if let b = p.branchOut {
            line()
            line(t.green("Branch out: you met your target on \(b.metDays) of the last \(b.windowDays) days. Raise it: touchbase today --target \(b.suggestedTarget)"))
        }
        return TextBlock(out)
    }

    /// "congratulate Ben Okri on joining Northwind" (or on the new role).
    static func congratulate(_ j: JobChangeNote) -> String {
        if j.joinedNewOrganization, let org = j.organization {
            return "congratulate \(j.name) on joining \(org)" + (j.role.map { " as \($0)" } ?? "")
        }
        return "congratulate \(j.name) on the new role" + (j.role.map { ": \($0)" } ?? "")
    }
}
