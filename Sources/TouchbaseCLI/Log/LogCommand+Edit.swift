import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseKit

extension Touchbase.Log {
    /// `touchbase log edit HANDLE …`: fix what was logged.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change what was logged: day, time, kind, channel, reason, exit, learned, next, follow-up, outcome, minutes, who was there.",
            discussion: """
                Only the options given change. --clear FIELD empties a field (time, channel, reason, exit, \
                learned, next, follow-up, outcome, minutes, hub). Moving a planned meeting keeps it one \
                meeting (`touchbase log reschedule` does the same).
                """)

        @OptionGroup var home: HomeOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: ArgumentHelp("The interaction's handle (from `touchbase log`).", valueName: "handle"))
        var handle: String

        @Option(name: .long, help: ArgumentHelp("The day.", valueName: "date")) var on: String?
        @Option(name: .long, help: ArgumentHelp("The time, HH:MM.", valueName: "time")) var at: String?
        @Option(name: .long, help: ArgumentHelp("new-touch, follow-up, meeting, informational, event, reply or note.", valueName: "kind")) var kind: String?
        @Option(name: .long, help: ArgumentHelp("How: email, phone, in person, …", valueName: "channel")) var channel: String?
        @Option(name: .long, help: ArgumentHelp("What the outreach said.", valueName: "text")) var reason: String?
        @Option(name: .long, help: ArgumentHelp("What the meeting aims to leave with.", valueName: "text")) var exit: String?
        @Option(name: .long, help: ArgumentHelp("What you learned.", valueName: "text")) var learned: String?
        @Option(name: .long, help: ArgumentHelp("What is next.", valueName: "text")) var next: String?
        @Option(name: .long, help: ArgumentHelp("When to follow up.", valueName: "date")) var followUp: String?
        @Option(name: .long, help: ArgumentHelp("How it went.", valueName: "text")) var outcome: String?
        @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Connect minutes it took, 0 to 1440.", valueName: "n")) var minutes: Int?
        @Option(name: .long, help: ArgumentHelp("The hub it relates to.", valueName: "hub")) var hub: String?
        @Option(name: .customLong("with"), help: ArgumentHelp("Someone else who was there (repeatable).", valueName: "contact")) var with: [String] = []
        @Option(name: .long, help: ArgumentHelp("Someone who was not there after all (repeatable).", valueName: "contact")) var without: [String] = []
        @Option(name: .long, help: ArgumentHelp("Empty a field (repeatable).", valueName: "field")) var clear: [String] = []

        static let clearable = ["time", "channel", "reason", "exit", "learned", "next", "follow-up", "outcome", "minutes", "hub"]

        func run() throws {
            let ctx = try CLIContext(home)
            let today = ctx.today
            for field in clear where !Edit.clearable.contains(field) {
                throw ValidationError("--clear takes one of \(Edit.clearable.joined(separator: ", ")), not \"\(field)\"")
            }
            var c = InteractionChanges()
            c.date = try on.map { try DateInput.parse($0, today: today) }
            if let at { c.time = .set(try WorkflowSupport.time(at)) }
            if let kind {
                do { c.kind = try InteractionFilter.kind(parsing: kind) } catch is WorkspaceError {
                    throw ValidationError("--kind must be one of \(InteractionKind.known.map(\.rawValue).joined(separator: ", ")), not \"\(kind)\"")
                }
            }
            c.channel = channel.map(FieldEdit.set)
            c.reason = reason.map(FieldEdit.set)
            c.exitGoal = exit.map(FieldEdit.set)
            c.learned = learned.map(FieldEdit.set)
            c.nextStep = next.map(FieldEdit.set)
            c.followUp = try followUp.map { .set(try DateInput.parse($0, today: today)) }
            c.outcome = outcome.map(FieldEdit.set)
            c.minutes = try LogSupport.minutes(minutes).map(FieldEdit.set)
            c.hub = try hub.map { .set(try ctx.kit.hub(matching: $0).id) }
            c.addOthers = try with.map { try ctx.kit.contact(matching: $0).id }
            c.removeOthers = try without.map { try ctx.kit.contact(matching: $0).id }
            for field in clear {
                switch field {
                case "time": c.time = .clear
                case "channel": c.channel = .clear
                case "reason": c.reason = .clear
                case "exit": c.exitGoal = .clear
                case "learned": c.learned = .clear
                case "next": c.nextStep = .clear
                case "follow-up": c.followUp = .clear
                case "outcome": c.outcome = .clear
                case "minutes": c.minutes = .clear
                default: c.hub = .clear
                }
            }
            let e = try LogSupport.entry(handle, in: ctx)
            let r: InteractionEditResult
            do { r = try ctx.kit.editInteraction(e.id, c) } catch let error as WorkspaceError {
                guard let text = InteractionErrorText.message(error, date: c.date, today: today) else { throw error }
                throw RecordCommandError(text)
            }
            if output.json {
                try JSONOutput.emit(InteractionJSON(entry: r.entry))
                return
            }
            print("Changed \(r.changed.filter { $0 != "status" }.map(RecordText.label).joined(separator: ", ")) of \(e.handle):")
            for line in InteractionText.block(r.entry, indent: 2, width: TerminalWidth.current(), terminal: ctx.terminal) { print(line) }
        }
    }
}
