import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseKit

extension Touchbase {
    /// `touchbase agenda`: the coming days.
    struct AgendaCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "agenda",
            abstract: "The next 7 days: meetings with their exit, follow-ups, keep-in-touch dates, birthdays, hub sessions.",
            discussion: """
                Follow-ups and keep-in-touch dates already late are listed first. Hub sessions come from \
                each hub's schedule ("every Tuesday 12:00", "second Thursday, 18:30", "first Monday of the \
                month"); a schedule that cannot be read that way is shown as written. \
                `touchbase export ics` writes the same dates for a calendar app.
                """)

        @OptionGroup var home: HomeOptions
        @OptionGroup var output: OutputOptions

        @Option(name: .long, help: ArgumentHelp("How many days, today included (1 to 366).", valueName: "n"))
        var days = 7

        func run() throws {
            let ctx = try CLIContext(home, readOnly: true)
            let agenda = try ctx.kit.agenda(days: days)
            if output.json { try JSONOutput.emit(AgendaJSON(agenda)) } else { print(AgendaView.text(agenda, terminal: ctx.terminal)) }
        }
    }
}

/// How the agenda is shown.
enum AgendaView {
    static func text(_ a: Agenda, terminal t: Terminal) -> TextBlock {
        var out: [String] = []
        let span = a.from == a.through ? WorkflowSupport.longDate(a.from) : "\(WorkflowSupport.longDate(a.from)) to \(WorkflowSupport.longDate(a.through))"
        out.append(t.bold("Agenda, \(span)"))
        let late = a.items.filter { $0.date < a.from }
        if !late.isEmpty {
            out.append("")
            out.append(t.bold("Late"))
            for item in late { out.append("  " + line(item, terminal: t)) }
        }
        var day: CalendarDate?
        for item in a.items where item.date >= a.from {
            if item.date != day {
                day = item.date
                out.append("")
                let rel = WorkflowSupport.relative(item.date, today: a.from)
                out.append(t.bold(WorkflowSupport.longDate(item.date)) + (rel == "today" || rel == "tomorrow" ? t.dim("  \(rel)") : ""))
            }
            out.append("  " + line(item, terminal: t))
        }
        if a.items.isEmpty {
            out.append("")
            out.append("  Nothing planned. Plan a meeting (touchbase meet), set a follow-up (touchbase debrief … --follow-up) or a cadence.")
        }
        if !a.unparsedSchedules.isEmpty {
            out.append("")
            out.append(t.bold("Hub schedules kept as written"))
            for u in a.unparsedSchedules {
                out.append("  \(u.name): \"\(u.schedule)\"" + t.dim("  (not read as sessions; e.g. \"every Tuesday 12:00\", \"second Thursday, 18:30\")"))
            }
        }
        return TextBlock(out)
    }

    static func line(_ item: AgendaItem, terminal t: Terminal) -> String {
        let time = item.time ?? "     "
        let lateNote = item.overdueDays > 0 ? t.yellow(" (\(WorkflowSupport.days(item.overdueDays)) late, due \(item.date))") : ""
        switch item.kind {
        case .meeting:
            return "\(time)  meeting with \(item.title)" + (item.place.map { " at \($0)" } ?? "") + (item.detail.map { t.dim(" — exit: \($0)") } ?? "")
        case .followUp:
            return "\(time)  follow up with \(item.title)" + lateNote + (item.detail.map { t.dim(" — next: \($0)") } ?? "")
        case .keepInTouch:
            return "\(time)  keep in touch with \(item.title)" + lateNote
        case .birthday:
            return "\(time)  " + t.green("\(item.title)'s birthday") + (item.age.map { t.dim(" (turns \($0))") } ?? "")
        case .hubSession:
            return "\(time)  \(item.title)" + (item.place.map { t.dim(" — \($0)") } ?? "")
        case .opportunityStep:
            return "\(time)  \(item.title)" + (item.detail.map { t.dim(" — next: \($0)") } ?? "")
        }
    }
}
