import ArgumentParser
import TouchbaseCore
import TouchbaseKit

extension Touchbase.Hub {
    /// `touchbase hub list`: hubs with their kind, member count and tags.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List hubs, with member counts.")

        @OptionGroup var home: HomeOptions

        @Option(help: ArgumentHelp("Only hubs with this tag.", valueName: "tag"))
        var tag: String?

        @Option(help: ArgumentHelp("Only hubs whose text fields contain this text (any case).", valueName: "text"))
        var search: String?

        @Option(help: ArgumentHelp("Only hubs at this stage (want: the hubs on your wishlist).", valueName: "stage"))
        var stage: String?

        @Flag(help: "Include deleted hubs.")
        var all = false

        @OptionGroup var output: OutputOptions

        func run() throws {
            let ctx = try CLIContext(home, readOnly: true)
            var filter = HubFilter()
            filter.includeHidden = all
            filter.tag = tag
            filter.text = search
            filter.stage = try stage.map(Stage.init(parsing:))
            let hubs = try ctx.kit.hubList(filter)
            if output.json {
                try JSONOutput.emit(hubs)
                return
            }
            guard !hubs.isEmpty else {
                print(tag == nil && search == nil && stage == nil ? "No hubs yet; add one with `touchbase hub add NAME`." : "No hubs match.")
                return
            }
            var table = TextTable(["NAME", "KIND", "MEMBERS", "LOCATION", "TAGS"])
            for item in hubs {
                let h = item.hub
                table.add([TextTable.clip(h.name, 32) + (h.isDeleted ? " (deleted)" : ""), TextTable.clip(h.kind ?? "", 20),
                           String(item.members), TextTable.clip(h.location ?? "", 20), item.tags.joined(separator: ", ")])
            }
            print(table.render(ctx.terminal))
            print(RecordText.count(hubs.count, "hub"))
        }
    }
}
