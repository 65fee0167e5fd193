import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseKit

extension Touchbase.Log {
    /// `touchbase log [list]`: the interactions, newest first, with their handles.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List interactions, newest first, each with its handle.",
            discussion: "Filters combine: --contact Ada --kind meeting --since 2026-03-01 --status planned.")

        @OptionGroup var home: HomeOptions
        @OptionGroup var output: OutputOptions

        @Option(name: .long, help: ArgumentHelp("Only with this contact (as the contact or among those who were there).", valueName: "contact"))
        var contact: String?

        @Option(name: .long, help: ArgumentHelp("Only held at this hub.", valueName: "hub"))
        var hub: String?

        @Option(name: .long, help: ArgumentHelp("Only of this kind: new-touch, follow-up, meeting, informational, event, reply, note.", valueName: "kind"))
        var kind: String?

        @Option(name: .long, help: ArgumentHelp("Only with this status: planned, done or cancelled.", valueName: "status"))
        var status: String?

        @Option(name: .long, help: ArgumentHelp("Only on or after this day.", valueName: "date"))
        var since: String?

        @Option(name: .long, help: ArgumentHelp("Only on or before this day.", valueName: "date"))
        var until: String?

        @Option(name: .long, help: ArgumentHelp("At most this many.", valueName: "n"))
        var limit: Int?

        @Flag(name: .long, help: "Deleted interactions too.")
        var deleted = false

        func run() throws {
            let ctx = try CLIContext(home)
            var filter = InteractionFilter(includeDeleted: deleted, limit: limit.map { max(0, $0) })
            if let kind {
                do { filter.kind = try InteractionFilter.kind(parsing: kind) } catch is WorkspaceError {
                    throw ValidationError("--kind must be one of \(InteractionKind.known.map(\.rawValue).joined(separator: ", ")), not \"\(kind)\"")
                }
            }
            if let status {
                do { filter.status = try InteractionFilter.status(parsing: status) } catch is WorkspaceError {
                    throw ValidationError("--status must be planned, done or cancelled, not \"\(status)\"")
                }
            }
            filter.since = try since.map { try DateInput.parse($0, today: ctx.today) }
            filter.until = try until.map { try DateInput.parse($0, today: ctx.today) }
            if let contact { filter.contact = try ctx.kit.contact(matching: contact).id }
            if let hub { filter.hub = try ctx.kit.hub(matching: hub).id }
            let entries = try ctx.kit.interactions(filter)
            if output.json {
                try JSONOutput.emit(entries.map(InteractionJSON.init))
                return
            }
            if entries.isEmpty { print("no interactions"); return }
            for e in entries { print(InteractionText.heading(e, terminal: ctx.terminal)) }
            print(ctx.terminal.dim(RecordText.count(entries.count, "interaction") + "; `touchbase log show HANDLE` for the whole story"))
        }
    }

    /// `touchbase log show HANDLE`: one interaction, everything said about it.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an interaction: who, when, what was said, learned and next.")

        @OptionGroup var home: HomeOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: ArgumentHelp("The interaction's handle (from `touchbase log`).", valueName: "handle"))
        var handle: String

        func run() throws {
            let ctx = try CLIContext(home)
            let e = try LogSupport.entry(handle, in: ctx, includeDeleted: true)
            if output.json {
                try JSONOutput.emit(InteractionJSON(entry: e))
                return
            }
            for line in InteractionText.block(e, indent: 0, width: TerminalWidth.current(), terminal: ctx.terminal) { print(line) }
            let conflicts = try RecordDetails.conflicts(of: e.id, ctx.store)
            if !conflicts.isEmpty {
                let devices = try ctx.store.deviceNames()
                let name = RecordDetails.namer(ctx.store)
                print(ctx.terminal.red("Conflicts") + ctx.terminal.dim(" (see `touchbase conflicts`)"))
                for conflict in conflicts { print("  " + RecordDetails.line(conflict, devices: devices, name: name)) }
            }
        }
    }
}
