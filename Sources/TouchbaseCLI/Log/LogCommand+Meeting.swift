import ArgumentParser
import TouchbaseCore
import TouchbaseKit

extension Touchbase.Log {
    /// `touchbase log cancel MEETING`: the meeting will not happen.
    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel",
            abstract: "Cancel a planned meeting: it stays in the log as cancelled and leaves \"to debrief\".",
            discussion: "Name it by its handle, or by the contact when they have one planned meeting.")

        @OptionGroup var home: HomeOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: ArgumentHelp("The meeting's handle, or the contact.", valueName: "meeting"))
        var meeting: String

        func run() throws {
            let ctx = try CLIContext(home)
            let e = try LogSupport.plannedMeeting(meeting, in: ctx)
            let r: InteractionEditResult
            do { r = try ctx.kit.cancelMeeting(e.id) } catch let error as WorkspaceError where error.code == .notPlanned {
                throw RecordCommandError(InteractionErrorText.notPlanned(e, status: error.detail))
            }
            if output.json {
                try JSONOutput.emit(InteractionJSON(entry: r.entry))
                return
            }
            print("Cancelled the \(InteractionText.kind(e.interaction.kind)) of \(e.interaction.date?.description ?? "no date")"
                  + (e.contact.map { " with \($0.name)" } ?? "") + " (\(e.handle)).")
        }
    }

    /// `touchbase log reschedule MEETING --on DATE`: the meeting moves.
    struct Reschedule: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reschedule",
            abstract: "Move a planned meeting to another day or time; it stays one meeting.",
            discussion: "Name it by its handle, or by the contact when they have one planned meeting.")

        @OptionGroup var home: HomeOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: ArgumentHelp("The meeting's handle, or the contact.", valueName: "meeting"))
        var meeting: String

        @Option(name: .long, help: ArgumentHelp("The new day (YYYY-MM-DD, tomorrow, +3d, …).", valueName: "date"))
        var on: String

        @Option(name: .long, help: ArgumentHelp("The new time, HH:MM.", valueName: "time"))
        var at: String?

        func run() throws {
            let ctx = try CLIContext(home)
            let date = try DateInput.parse(on, today: ctx.today)
            let time = try at.map(WorkflowSupport.time)
            let e = try LogSupport.plannedMeeting(meeting, in: ctx)
            let r: InteractionEditResult
            do {
                r = try ctx.kit.rescheduleMeeting(e.id, to: date, time: time.map(FieldEdit.set))
            } catch let error as WorkspaceError where error.code == .notPlanned {
                throw RecordCommandError(InteractionErrorText.notPlanned(e, status: error.detail))
            } catch let error as WorkspaceError where error.code == .dateInPast {
                throw RecordCommandError(InteractionErrorText.pastMeeting(date, today: ctx.today, contact: e.contact?.name))
            }
            if output.json {
                try JSONOutput.emit(InteractionJSON(entry: r.entry))
                return
            }
            let when = date.description + (r.entry.interaction.time.map { " at \($0)" } ?? "")
            print("Moved the \(InteractionText.kind(e.interaction.kind))" + (e.contact.map { " with \($0.name)" } ?? "")
                  + " from \(e.interaction.date?.description ?? "no date") to \(when) (\(e.handle)).")
        }
    }

    /// `touchbase log history HANDLE`: who changed an interaction.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "history", abstract: "Show who changed an interaction and what, when, on which device.")

        @OptionGroup var home: HomeOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: ArgumentHelp("The interaction's handle.", valueName: "handle"))
        var handle: String

        func run() throws {
            let ctx = try CLIContext(home)
            try History.show(try LogSupport.entry(handle, in: ctx, includeDeleted: true), ctx: ctx, json: output.json)
        }

        /// Prints an interaction's history (also `touchbase history HANDLE`).
        static func show(_ e: InteractionEntry, ctx: CLIContext, json: Bool) throws {
            let changes = try ctx.kit.interactionHistory(e.id)
            let describer = HistoryLines(subject: e.id, isHub: false, kit: ctx.kit)
            if json {
                try JSONOutput.emit(changes.map { HistoryJSON(change: $0, changes: describer.describe($0)) })
                return
            }
            print(InteractionText.heading(e, terminal: ctx.terminal))
            for change in changes {
                let device = change.deviceName ?? String(change.device.hex.prefix(8))
                print("  " + ctx.terminal.dim(RecordText.localTime(milliseconds: change.milliseconds)) + "  "
                      + ctx.terminal.cyan(device) + "  " + describer.describe(change).joined(separator: "; "))
            }
            print(RecordText.count(changes.count, "change"))
        }
    }
}
