import ArgumentParser
import TouchbaseCore
import TouchbaseStore

extension Touchbase.Hub {
    /// `touchbase hub list`: hubs with their kind, member count and tags.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List hubs, with member counts.")

        @OptionGroup var home: HomeOptions

        @Option(help: ArgumentHelp("Only hubs with this tag.", valueName: "tag"))
        var tag: String?

        @Option(help: ArgumentHelp("Only hubs whose text fields contain this text (any case).", valueName: "text"))
        var search: String?

        @Flag(help: "Include deleted hubs.")
        var all = false

        @OptionGroup var output: OutputOptions

        func run() throws {
            let ctx = try CLIContext(home)
            var query = RecordQuery(entity: "hub")
            query.includeHidden = all
            query.tag = tag
            query.text = search
            let hubs = try ctx.store.records(query)
            let counts = try ctx.store.memberCounts()
            let tags = try ctx.store.tagNamesByRecord()
            if output.json {
                JSONOutput.print(hubs.map { h -> [String: Any] in
                    var o = JSONOutput.record(h)
                    o["members"] = counts[h.id] ?? 0
                    o["tags"] = tags[h.id] ?? []
                    return o
                })
                return
            }
            guard !hubs.isEmpty else {
                print(tag == nil && search == nil ? "No hubs yet; add one with `touchbase hub add NAME`." : "No hubs match.")
                return
            }
            var table = TextTable(["NAME", "KIND", "MEMBERS", "LOCATION", "TAGS"])
            for h in hubs {
                table.add([TextTable.clip(h.displayName, 32) + (h.deleted ? " (deleted)" : ""), TextTable.clip(h.text("kind") ?? "", 20),
                           String(counts[h.id] ?? 0), TextTable.clip(h.text("location") ?? "", 20), (tags[h.id] ?? []).joined(separator: ", ")])
            }
            print(table.render(ctx.terminal))
            print(RecordText.count(hubs.count, "hub"))
        }
    }
}
