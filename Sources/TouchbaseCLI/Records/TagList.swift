import ArgumentParser
import TouchbaseCore
import TouchbaseStore

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
                let r = try target.find(record, in: ctx.store)
                let names = try ctx.store.tagNames(of: r.id, entity: r.entity)
                if output.json {
                    JSONOutput.print(["id": r.id.hex, "entity": r.entity, "name": r.displayName, "tags": names])
                } else if names.isEmpty {
                    print("\(RecordText.named(r)) has no tags.")
                } else {
                    names.forEach { print($0) }
                }
                return
            }
            let uses = try ctx.store.tagUses()
            if output.json {
                JSONOutput.print(uses.map { ["name": $0.name, "contacts": $0.contacts, "hubs": $0.hubs] as [String: Any] })
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
