import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseStore

extension Touchbase {
    /// `touchbase history RECORD`: every Change that touched a contact or hub, oldest first.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "Show who changed a contact (or hub) and what, when, on which device.",
            discussion: """
                Lists the record's edits, oldest first, with their tags and hub memberships, and the edits \
                of duplicates merged into it. Times are local.
                """)

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The contact (or hub, with --hub): id, unique id prefix or name.", valueName: "record"))
        var record: String

        @OptionGroup var target: TagTargetOptions

        @OptionGroup var output: OutputOptions

        func run() throws {
            let ctx = try CLIContext(home)
            let r = try target.find(record, in: ctx.store)
            let entries = try HistoryLines.entries(of: r, store: ctx.store)
            let describer = HistoryLines(subject: r, store: ctx.store)
            if output.json {
                JSONOutput.print(entries.map { e -> [String: Any] in
                    ["device": e.dot.device.hex, "deviceName": e.deviceName ?? NSNull(), "seq": e.dot.seq,
                     "time": RecordText.isoTime(milliseconds: e.hlc.milliseconds), "changes": describer.describe(e.ops),
                     "ops": e.ops.map { ["entity": $0.entity, "record": $0.record.hex, "field": $0.field, "value": JSONOutput.value($0.value)] as [String: Any] }]
                })
                return
            }
            print(ctx.terminal.bold(r.displayName) + "  " + ctx.terminal.dim(r.id.hex))
            for e in entries {
                let device = e.deviceName ?? String(e.dot.device.hex.prefix(8))
                print("  " + ctx.terminal.dim(RecordText.localTime(milliseconds: e.hlc.milliseconds)) + "  "
                      + ctx.terminal.cyan(device) + "  " + describer.describe(e.ops).joined(separator: "; "))
            }
            print(RecordText.count(entries.count, "change"))
        }
    }
}
