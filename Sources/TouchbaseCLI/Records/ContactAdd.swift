import ArgumentParser
import TouchbaseCore
import TouchbaseStore

extension Touchbase.Contact {
    /// `touchbase contact add NAME [fields]`: one new contact, its tags and hub memberships in one edit.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a contact.",
            discussion: """
                New contacts start at stage `want` (wishlist) with voter `unknown`. A contact added with a \
                LinkedIn profile gets an id derived from it, so adding or importing the same person again \
                never makes a duplicate.
                """)

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The contact's full name.", valueName: "name"))
        var name: String

        @OptionGroup var fields: ContactFieldOptions

        func run() throws {
            let ctx = try CLIContext(home)
            let name = self.name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty else { throw ValidationError("a contact needs a name") }
            var values = try fields.values(today: ctx.today)
            let tags = try FieldValues.tags(fields.tags)
            let hubs = try fields.hubs.map { try ctx.store.find("hub", $0) }
            for (field, fallback) in [("stage", "want"), ("voter", "unknown")] where !values.contains(where: { $0.field == field }) {
                values.append((field, .text(fallback)))
            }

            var id = ctx.newID()
            if let url = values.first(where: { $0.field == "linkedin" })?.value.text {
                try Add.refuseExisting(linkedin: url, store: ctx.store)
                id = Schema.linkedinContactID(url)
            }
            var sameNameQuery = RecordQuery(entity: "contact")
            sameNameQuery.equals = [("name", .text(name))]
            let sameName = try ctx.store.records(sameNameQuery)

            var ops = RecordOps.put("contact", id, [("name", .text(name))] + values.map { ($0.field, $0.value) })
            for tag in tags { ops += RecordOps.tag(id, tag) }
            for hub in hubs { ops += RecordOps.join(contact: id, hub: hub.id) }
            try ctx.store.commit(ops)

            print("Added \(name) (\(RecordText.shortID(id))).")
            if !sameName.isEmpty {
                Terminal.warn("note: \(RecordText.count(sameName.count, "other contact")) named \"\(name)\" already: "
                              + sameName.map { RecordText.shortID($0.id) }.joined(separator: ", ")
                              + "; `touchbase contact merge` joins duplicates")
            }
        }

        /// Fails when the LinkedIn profile already belongs to a contact, naming it.
        static func refuseExisting(linkedin url: String, store: Store) throws {
            let derived = Schema.linkedinContactID(url)
            if let existing = try store.record("contact", id: derived) {
                var shown = existing
                if let s = existing.survivor, let survivor = try store.record("contact", id: s) { shown = survivor }
                if shown.deleted {
                    throw RecordCommandError("\(RecordText.named(shown)) with this LinkedIn profile exists but is deleted; "
                                          + "`touchbase contact restore \(RecordText.shortID(shown.id))` brings it back")
                }
                throw RecordCommandError("\(RecordText.named(shown)) already has this LinkedIn profile; "
                                      + "use `touchbase contact edit \(RecordText.shortID(shown.id))` to change it")
            }
            var query = RecordQuery(entity: "contact")
            query.equals = [("linkedin", .text(url))]
            if let other = try store.records(query).first {
                throw RecordCommandError("\(RecordText.named(other)) already has this LinkedIn profile; "
                                      + "use `touchbase contact edit \(RecordText.shortID(other.id))` to change it")
            }
        }
    }
}
