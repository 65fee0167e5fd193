import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseKit

extension Touchbase {
    /// `touchbase stats`: the funnel, measured.
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "The funnel, week by week: touches, replies, meetings, referrals, applications, interviews, offers; response rates.",
            discussion: """
                Touches are done outgoing new touches and follow-ups; replies are logged replies; meetings \
                are done meetings and informational interviews; referrals are referrers linked to an \
                opportunity; applications, interviews and offers are the days opportunities reached those \
                stages. Response rates: of the window's touches, how many were answered, by channel, by \
                the contact's source, by voter and by hub. Weeks run Monday to Sunday.
                """)

        @OptionGroup var home: HomeOptions

        @Option(name: .long, help: ArgumentHelp("How many weeks, the current one included (1–104).", valueName: "n"))
        var weeks: Int = 8

        @OptionGroup var output: OutputOptions

        func run() throws {
            guard Workspace.funnelWeeks.contains(weeks) else {
                throw ValidationError("--weeks must be between \(Workspace.funnelWeeks.lowerBound) and \(Workspace.funnelWeeks.upperBound)")
            }
            let ctx = try CLIContext(home)
            let stats = try ctx.kit.funnel(weeks: weeks)
            if output.json {
                try JSONOutput.emit(StatsJSON(stats))
                return
            }
            print(StatsView.text(stats, terminal: ctx.terminal, chart: StatsChart.forStandardOutput()))
        }
    }
}

/// How the funnel reads.
enum StatsView {
    static func text(_ s: FunnelStats, terminal t: Terminal, chart: StatsChart) -> TextBlock {
        var out: [String] = []
        out.append(t.bold("Funnel") + t.dim("  \(s.from) to \(s.through), \(RecordText.count(s.weeks.count, "week"))"))
        let steps = s.total.steps
        var previous: Int?
        out += chart.rows(steps.map { step in
            var note = String(step.count)
            if let p = previous, p > 0 { note += "  " + percent(Double(step.count) / Double(p)) + " of the step before" }
            previous = step.count
            return (step.name, Double(step.count), note)
        }, style: t.cyan)

        out.append("")
        out.append(t.bold("Week by week"))
        var table = TextTable(["WEEK OF"] + steps.map { $0.name.uppercased() })
        for w in s.weeks { table.add([w.start.description] + w.steps.map { String($0.count) }) }
        out += table.render(t).lines
        out.append("")
        out += chart.rows(s.weeks.map { ($0.start.description, Double($0.touches), "\($0.touches) touches, \($0.replies) replies") }, style: t.cyan)

        for (title, rates, none) in [("Response rate by channel", s.byChannel, "no channel"), ("by source", s.bySource, "no source"),
                                     ("by voter", s.byVoter, "voter unknown"), ("by hub", s.byHub, "no hub")] {
            out.append("")
            out.append(t.bold(title))
            if rates.isEmpty { out.append(t.dim("  no touches in these weeks")); continue }
            out += chart.rows(rates.map { r in
                (r.label ?? none, r.rate, "\(percent(r.rate))  \(r.answered) of \(r.sent)")
            }, style: t.green)
        }
        return TextBlock(out)
    }

    static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded())) %" }
}

/// `stats --json`: see docs/JSON.md.
struct StatsJSON: Encodable {
    struct Week: Encodable {
        var start: String
        var touches, replies, meetings, referrals, applications, interviews, offers: Int
        init(_ w: FunnelWeek) {
            start = w.start.description
            touches = w.touches; replies = w.replies; meetings = w.meetings; referrals = w.referrals
            applications = w.applications; interviews = w.interviews; offers = w.offers
        }
    }

    struct Rate: Encodable {
        var label: String?
        var sent: Int
        var answered: Int
        var rate: Double
        init(_ r: ResponseRate) {
            label = r.label; sent = r.sent; answered = r.answered
            rate = (r.rate * 1000).rounded() / 1000
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(label, forKey: .label)
            try c.encode(sent, forKey: .sent)
            try c.encode(answered, forKey: .answered)
            try c.encode(rate, forKey: .rate)
        }
        enum CodingKeys: String, CodingKey { case label, sent, answered, rate }
    }

    var from: String
    var through: String
    var weeks: [Week]
    var total: Week
    var byChannel, bySource, byVoter, byHub: [Rate]

    init(_ s: FunnelStats) {
        from = s.from.description
        through = s.through.description
        weeks = s.weeks.map(Week.init)
        total = Week(s.total)
        byChannel = s.byChannel.map(Rate.init)
        bySource = s.bySource.map(Rate.init)
        byVoter = s.byVoter.map(Rate.init)
        byHub = s.byHub.map(Rate.init)
    }
}
