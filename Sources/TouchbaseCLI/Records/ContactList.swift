import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseKit
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
            let ctx = try CLIContext(home, readOnly: true)
            var filter = ContactFilter()
            filter.includeHidden = all
            if let stage { filter.stage = try FieldInput.parse(stage, field: "stage", entity: Schema.contact, today: ctx.today).text.map(Stage.init(rawValue:)) }
            if let voter { filter.voter = try FieldInput.parse(voter, field: "voter", entity: Schema.contact, today: ctx.today).text.map(Voter.init(rawValue:)) }
            if let tag {
                guard !Schema.normalizeTag(tag).isEmpty else { throw ValidationError("a tag name must not be empty") }
                filter.tag = tag
            }
            if let hub { filter.hub = try ctx.kit.hub(matching: hub).id }
            filter.text = search
            if output.json {
                // The one `--json` not written through `JSONOutput.emit`: the same shape as
                // `ContactListItem`'s Codable form (a test holds them equal), written directly,
                // because on 10,000 contacts the Codable path took 0.36 s of CPU against 0.22 s
                // for this one (release build; the encoding alone about five times slower).
                let items = try ctx.kit.contactList(filter)
                JSONWriter.print(count: items.count) { List.jsonPairs(items[$0]) }
                return
            }
            // The table shows only a few fields (`--json` shows every field): rows of those, not
            // contacts with every field.
            let contacts = try ctx.kit.contactTable(filter)
            guard !contacts.isEmpty else {
                print("No contacts\(filter.isUnfiltered ? " yet; add one with `touchbase contact add NAME`" : " match").")
                return
            }
            var table = TextTable(["NAME", "ORG", "STAGE", "VOTER", "A/O", "LAST"])
            table.rows.reserveCapacity(contacts.count)
            for c in contacts {
                var name = TextTable.clip(c.displayName, 32)
                if c.deleted { name += " (deleted)" } else if let s = c.survivor { name += " → \(RecordText.shortID(s))" }
                let markers = (c.hasAsk ? "A" : "-") + (c.hasOffer ? "O" : "-")
                table.add([name, TextTable.clip(c.organization ?? "", 24), c.stage ?? "", c.voter ?? "",
                           markers, c.lastTouch?.description ?? ""])
            }
            print(table.render(ctx.terminal) { column, cell in column == 4 && cell.hasPrefix("--") ? ctx.terminal.yellow(cell) : cell })
            print(List.summary(stages: contacts.map(\.stage)))
        }

        /// A row's JSON object as (key, value) pairs, the keys and values of `ContactListItem`'s
        /// Codable form.
        static func jsonPairs(_ item: ContactListItem) -> [(String, Any)] {
            let c = item.contact
            var o: [(String, Any)] = [("id", c.id.hex), ("entity", "contact")]
            o.reserveCapacity(c.fields.count + 6)
            for (k, v) in c.fields where k != Merger.deletedField && k != Merger.mergedIntoField { o.append((k, JSONOutput.value(v))) }
            if c.isDeleted { o.append(("deleted", true)) }
            if let s = c.mergedInto { o.append(("mergedInto", s.hex)) }
            o.append(("tags", item.tags))
            o.append(("lastTouch", item.lastTouch.map { $0.description } ?? NSNull()))
            return o
        }

        /// `3 contacts: 1 want, 2 active`, for contacts with these stages (`nil`: none set).
        static func summary(stages: [String?]) -> String {
            var byStage: [String: Int] = [:]
            for stage in stages { byStage[stage ?? "none", default: 0] += 1 }
            let parts = (Schema.stages + ["none"]).compactMap { s in byStage[s].map { "\($0) \(s)" } }
            return RecordText.count(stages.count, "contact") + ": " + parts.joined(separator: ", ")
        }
    }
}
