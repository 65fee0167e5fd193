import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseStore

extension Touchbase {
    /// `touchbase pace`: prep against connect time.
    struct Pace: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prep vs connect minutes, per day or per week, with the ratio (aim for 40–60 % prep).",
            discussion: """
                Prep time is what you log with `touchbase prep`. Connect time comes from logged \
                interactions: their --minutes, else the kind's default (new-touch 15, follow-up 10, \
                meeting 45, informational 30, event 90, reply 5, note 0; change with `touchbase config \
                minutes.<kind> N`). Planned and cancelled meetings count nothing.
                """)

        enum Period: String, EnumerableFlag {
            case week, month
            static func help(for value: Period) -> ArgumentHelp? {
                switch value {
                case .week: return "The last 7 days, one bar a day (default)."
                case .month: return "The last 5 weeks (Monday to Sunday), one bar a week."
                }
            }
        }

        @OptionGroup var home: HomeOptions
        @OptionGroup var output: OutputOptions

        @Flag var period: Period = .week

        func run() throws {
            let ctx = try CLIContext(home)
            let today = ctx.today
            let settings = try ctx.store.workflowSettings()
            let from = period == .week ? today.adding(days: -6) : PaceReport.monday(of: today).adding(days: -28)
            let data = try ctx.store.paceMinutes(from: from, to: today, minutes: settings.minutes)
            let report = PaceReport.build(from: from, to: today, granularity: period == .week ? .day : .week, prep: data.prep, connect: data.connect)
            if output.json {
                let j = WorkflowSupport.json
                JSONOutput.print([
                    "from": from.description, "to": today.description, "granularity": report.granularity.rawValue,
                    "prep": report.prep, "connect": report.connect, "prepShare": j(report.prepShare), "warning": j(report.warning),
                    "rows": report.rows.map { r -> [String: Any] in
                        ["start": r.start.description, "end": r.end.description, "prep": r.prep, "connect": r.connect, "prepShare": j(r.prepShare)]
                    },
                ])
                return
            }
            let t = ctx.terminal
            print(t.bold("Pace, \(from) – \(today)") + t.dim("   ▒ prep  █ connect"))
            let width = 40
            let top = max(1, report.rows.map { $0.prep + $0.connect }.max() ?? 1)
            for r in report.rows {
                let label = report.granularity == .day
                    ? String(WorkflowSupport.weekday(r.start).prefix(3)) + " " + String(r.start.description.suffix(5))
                    : "wk " + String(r.start.description.suffix(5))
                let p = Int((Double(r.prep) / Double(top) * Double(width)).rounded())
                let c = Int((Double(r.connect) / Double(top) * Double(width)).rounded())
                let bar = String(repeating: "▒", count: p) + String(repeating: "█", count: c)
                let numbers = "prep \(r.prep)  connect \(r.connect)" + (r.prepShare.map { "  \(WorkflowSupport.percent($0))" } ?? "")
                print("\(label)  " + t.cyan(bar.padded(to: width)) + "  " + t.dim(numbers))
            }
            print("Total: prep \(report.prep) min, connect \(report.connect) min" + (report.prepShare.map { " — prep \(WorkflowSupport.percent($0))" } ?? ""))
            if let w = report.warning { print(t.yellow("⚠ " + w)) } else if report.prepShare == nil {
                print(t.dim("Nothing logged yet: log prep with touchbase prep, connect time comes from touches and meetings."))
            } else {
                print(t.green("✓ balanced"))
            }
        }
    }

    /// `touchbase prep`: log prep time.
    struct Prep: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Log prep time: intake, research, writing, follow-up plans.")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("What you did.", valueName: "text"))
        var what: String

        @Option(name: .long, help: ArgumentHelp("How long, in minutes.", valueName: "n"))
        var minutes: Int

        @Option(name: .long, help: ArgumentHelp("The day (default today).", valueName: "date"))
        var on: String?

        func run() throws {
            guard !what.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw ValidationError("say what you prepared") }
            guard (1...1440).contains(minutes) else { throw ValidationError("--minutes must be between 1 and 1440, not \(minutes)") }
            let ctx = try CLIContext(home)
            let date = try on.map { try DateInput.parse($0, today: ctx.today) } ?? ctx.today
            try ctx.store.commit(WorkflowOps.prep(ctx.newID(), what: what, minutes: minutes, date: date))
            print("Logged \(minutes) min of prep on \(date): \(what)")
        }
    }
}
