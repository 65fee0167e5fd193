import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseKit
import TouchbaseStore

extension Touchbase {
    /// `touchbase history RECORD`: every Change that touched a contact or hub, oldest first.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "Show who changed a contact (or hub, or interaction) and what, when, on which device.",
            discussion: """
                Lists the record's edits, oldest first, with their tags and hub memberships, and the edits \
                of duplicates merged into it. Times are local. An interaction's handle (from \
                `touchbase log`) shows that interaction's history.
                """)

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The contact (or hub, with --hub): id, unique id prefix or name.", valueName: "record"))
        var record: String

        @OptionGroup var target: TagTargetOptions

        @OptionGroup var output: OutputOptions

        func run() throws {
            let ctx = try CLIContext(home)
            let r: (id: RecordID, name: String)
            do {
                r = try target.find(record, in: ctx.kit)
            } catch let e as StoreError where e.code == .notFound && !target.isHub {
                // An interaction's handle (from `touchbase log`).
                guard let interaction = try? ctx.kit.interaction(matching: record, includeDeleted: true) else { throw e }
                try Touchbase.Log.History.show(interaction, ctx: ctx, json: output.json)
                return
            }
            let changes = try ctx.kit.history(of: target.target, r.id)
            let describer = HistoryLines(subject: r.id, isHub: target.isHub, kit: ctx.kit)
            if output.json {
                try JSONOutput.emit(changes.map { HistoryJSON(change: $0, changes: describer.describe($0)) })
                return
            }
            print(ctx.terminal.bold(r.name) + "  " + ctx.terminal.dim(r.id.hex))
            for change in changes {
                let device = change.deviceName ?? String(change.device.hex.prefix(8))
                print("  " + ctx.terminal.dim(RecordText.localTime(milliseconds: change.milliseconds)) + "  "
                      + ctx.terminal.cyan(device) + "  " + describer.describe(change).joined(separator: "; "))
            }
            print(RecordText.count(changes.count, "change"))
            // An honest word on a compacted past (Protocol/SPEC.md §3.7).
            let compacted = try ctx.kit.compactedHistory(of: target.target, r.id)
            if compacted > 0 {
                print(ctx.terminal.dim("  before these: \(compacted) earlier change\(compacted == 1 ? " was" : "s were") compacted from this device's log; "
                    + "a snapshot holds \(compacted == 1 ? "its" : "their") result, the current values, but \(compacted == 1 ? "it is" : "they are") no longer listed"))
            }
        }
    }
}
