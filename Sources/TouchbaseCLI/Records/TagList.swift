import ArgumentParser
import TouchbaseCore
import TouchbaseKit

extension Touchbase.Tag {
    /// `touchbase tag list [RECORD]`: every tag in use with its counts, or one record's tags.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List tags in use with how many contacts and hubs carry each, or the tags of one record.")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("A contact (or hub, with --hub) whose tags to list; all tags when omitted.", valueName: "record"))
        var record: String?

        @OptionGroup var target: TagTargetOptions

        @OptionGroup var output: OutputOptions

        func run() throws {
            let ctx = try CLIContext(home)
            if let record {
                let r = try target.find(record, in: ctx.kit)
                let names = try ctx.kit.tags(of: target.target, r.id)
                if output.json {
                    try JSONOutput.emit(RecordTagsJSON(id: r.id.hex, entity: target.entity, name: r.name, tags: names))
                } else if names.isEmpty {
                    print("\(RecordText.named(r.name, r.id)) has no tags.")
                } else {
                    names.forEach { print($0) }
                }
                return
            }
            let uses = try ctx.kit.tagCounts()
            if output.json {
                try JSONOutput.emit(uses)
                return
            }
            guard !uses.isEmpty else { print("No tags yet; add one with `touchbase tag add CONTACT TAG`."); return }
            var table = TextTable(["TAG", "CONTACTS", "HUBS"])
            for u in uses { table.add([u.name, String(u.contacts), String(u.hubs)]) }
            print(table.render(ctx.terminal))
            print(RecordText.count(uses.count, "tag"))
        }
    }
}
