import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseStore

extension Touchbase.Contact {
    /// `touchbase contact list`: a compact table of contacts, filtered.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List contacts, with filters.",
            discussion: """
                Columns: name, org, stage, voter, A/O (an ask and an offer are set: a meeting without either \
                is not worth having yet), and the date of the last done interaction.
                """)

        @OptionGroup var home: HomeOptions

        @Option(help: ArgumentHelp("Only contacts with this tag.", valueName: "tag"))
        var tag: String?

        @Option(help: ArgumentHelp("Only contacts at this stage: \(Schema.stages.joined(separator: ", ")).", valueName: "stage"))
        var stage: String?

        @Option(help: ArgumentHelp("Only \(Schema.voters.joined(separator: ", ")) voters.", valueName: "voter"))
        var voter: String?

        @Option(help: ArgumentHelp("Only members of this hub (id, id prefix or name).", valueName: "hub"))
        var hub: String?

        @Option(help: ArgumentHelp("Only contacts whose text fields contain this text (any case).", valueName: "text"))
        var search: String?

        @Flag(help: "Include deleted contacts and merged duplicates.")
        var all = false

        @OptionGroup var output: OutputOptions

        func run() throws {
            let ctx = try CLIContext(home)
            var query = RecordQuery(entity: "contact")
            query.includeHidden = all
            if let stage { query.equals.append(("stage", try FieldInput.parse(stage, field: "stage", entity: Schema.contact, today: ctx.today))) }
            if let voter { query.equals.append(("voter", try FieldInput.parse(voter, field: "voter", entity: Schema.contact, today: ctx.today))) }
            if let tag {
                guard !Schema.normalizeTag(tag).isEmpty else { throw ValidationError("a tag name must not be empty") }
                query.tag = tag
            }
            if let hub { query.hub = try ctx.store.find("hub", hub).id }
            query.text = search
            // The table shows only these; `--json` shows every field.
            if !output.json { query.fields = ["name", "organization", "stage", "voter", "ask", "offer"] }
            let contacts = try ctx.store.records(query)
            let lastTouch = try ctx.store.lastInteractionDates()

            if output.json {
                let tags = try ctx.store.tagNamesByRecord()
                // `JSONOutput.record(c)` plus `tags` and `lastTouch`, as (key, value) pairs in the
                // order a dictionary would be filled, so a later key wins the same way.
                func pairs(_ c: Record) -> [(String, Any)] {
                    var o: [(String, Any)] = [("id", c.id.hex), ("entity", c.entity)]
                    o.reserveCapacity(c.values.count + 6)
                    for (k, v) in c.values { o.append((k, JSONOutput.value(v))) }
                    if c.deleted { o.append(("deleted", true)) }
                    if let s = c.survivor { o.append(("mergedInto", s.hex)) }
                    o.append(("tags", tags[c.id] ?? []))
                    o.append(("lastTouch", lastTouch[c.id].map { $0.description } ?? NSNull()))
                    return o
                }
                JSONWriter.print(count: contacts.count) { pairs(contacts[$0]) }
                return
            }
            guard !contacts.isEmpty else {
                print("No contacts\(query.equals.isEmpty && tag == nil && hub == nil && search == nil ? " yet; add one with `touchbase contact add NAME`" : " match").")
                return
            }
            var table = TextTable(["NAME", "ORG", "STAGE", "VOTER", "A/O", "LAST"])
            for c in contacts {
                var name = TextTable.clip(c.displayName, 32)
                if c.deleted { name += " (deleted)" } else if let s = c.survivor { name += " → \(RecordText.shortID(s))" }
                let markers = (c.text("ask") == nil ? "-" : "A") + (c.text("offer") == nil ? "-" : "O")
                table.add([name, TextTable.clip(c.text("organization") ?? "", 24), c.text("stage") ?? "", c.text("voter") ?? "",
                           markers, lastTouch[c.id]?.description ?? ""])
            }
            print(table.render(ctx.terminal) { column, cell in column == 4 && cell.hasPrefix("--") ? ctx.terminal.yellow(cell) : cell })
            print(List.summary(contacts))
        }

        /// `3 contacts: 1 want, 2 active`.
        static func summary(_ contacts: [Record]) -> String {
            var byStage: [String: Int] = [:]
            for c in contacts { byStage[c.text("stage") ?? "none", default: 0] += 1 }
            let parts = (Schema.stages + ["none"]).compactMap { s in byStage[s].map { "\($0) \(s)" } }
            return RecordText.count(contacts.count, "contact") + ": " + parts.joined(separator: ", ")
        }
    }
}
