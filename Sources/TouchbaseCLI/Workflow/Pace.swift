import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseKit
import TouchbaseStore

extension Touchbase {
    /// `touchbase pace`: prep against connect time.
    struct Pace: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pace",
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
                case .week: return "The last 7 days, one bar a day."
                case .month: return "The last 5 weeks (Monday to Sunday), one bar a week."
                }
            }
        }

        @OptionGroup var home: HomeOptions
        @OptionGroup var output: OutputOptions

        @Flag var period: Period = .week

        func run() throws {
            let ctx = try CLIContext(home, readOnly: true)
            let today = ctx.today
            let pace = try ctx.kit.pace(period == .week ? .week : .month)
            let from = pace.from, report = pace.report
            if output.json {
                try JSONOutput.emit(PaceJSON(pace))
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
            if let w = report.warning { print(t.yellow("⚠ " + WorkflowText.warning(w))) } else if report.prepShare == nil {
                print(t.dim("Nothing logged yet: log prep with touchbase prep, connect time comes from touches and meetings."))
            } else {
                print(t.green("✓ balanced"))
            }
        }
    }

    /// `touchbase prep`: log prep time.
    struct Prep: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prep",
            abstract: "Log prep time: intake, research, writing, follow-up plans.")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("What you did.", valueName: "text"))
        var what: String

        @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("How long, in minutes.", valueName: "n"))
        var minutes: Int

        @Option(name: .long, help: ArgumentHelp("The day (default today).", valueName: "date"))
        var on: String?

        func run() throws {
            let input = PrepInput(what: what, minutes: minutes)
            do { try input.validate() } catch let e as WorkspaceError {
                if e.field == "what" { throw ValidationError("say what you prepared") }
                let range = WorkflowLimits.prepMinutes
                if minutes < 0 { throw ValidationError("--minutes cannot be negative (\(minutes)): give the minutes you prepared, from \(range.lowerBound) to \(range.upperBound)") }
                throw ValidationError("--minutes must be between \(range.lowerBound) and \(range.upperBound), not \(minutes)")
            }
            let ctx = try CLIContext(home)
            let date = try on.map { try DateInput.parse($0, today: ctx.today) } ?? ctx.today
            try ctx.kit.logPrep(PrepInput(what: what, minutes: minutes, date: date))
            print("Logged \(minutes) min of prep on \(date): \(what)")
        }
    }
}
