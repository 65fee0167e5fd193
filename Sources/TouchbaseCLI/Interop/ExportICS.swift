import ArgumentParser
import Foundation
import TouchbaseKit

extension Touchbase.Export {
    /// `touchbase export ics`: the agenda for a calendar app.
    struct ICS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ics",
            abstract: "The agenda as iCalendar (RFC 5545): meetings, follow-ups, keep-in-touch dates, hub sessions, birthdays.",
            discussion: """
                Each event's UID comes from its record, so importing a newer export (or subscribing to a \
                file you rewrite, e.g. from cron) updates the events instead of duplicating them. Birthdays \
                are yearly events; meetings and hub sessions with a time are timed, the rest all-day.
                """)

        @OptionGroup var home: HomeOptions

        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var output: String?

        @Option(name: .long, help: ArgumentHelp("How many days ahead, today included (1 to 366).", valueName: "n"))
        var days = 30

        func run() throws {
            let ctx = try CLIContext(home)
            let export = try ctx.kit.exportICS(days: days)
            try ExportWriter.write(text: export.text, count: export.count, to: output, noun: "event")
        }
    }
}
