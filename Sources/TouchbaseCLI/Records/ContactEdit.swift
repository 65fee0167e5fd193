import ArgumentParser
import TouchbaseCore
import TouchbaseStore

extension Touchbase.Contact {
    /// `touchbase contact edit CONTACT [fields] [--clear FIELD]`: sets the given fields only, in one edit.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a contact's fields; fields not given are left as they are.",
            discussion: """
                --email, --phone and --url replace the whole list; --add-email, --add-phone and --add-url \
                append to it (refused while the list is in conflict, so that no value is dropped). --tag adds tags and --hub joins hubs (see `tag rm` and `hub leave`). Setting \
                a field that is in conflict resolves the conflict.
                """)

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The contact: id, unique id prefix or name.", valueName: "contact"))
        var contact: String

        @Option(help: ArgumentHelp("A new name.", valueName: "name"))
        var name: String?

        @OptionGroup var fields: ContactFieldOptions

        @Option(name: .customLong("add-email"), help: ArgumentHelp("Add an email address to the list (repeatable).", valueName: "address"))
        var addEmails: [String] = []

        @Option(name: .customLong("add-phone"), help: ArgumentHelp("Add a phone number to the list (repeatable).", valueName: "number"))
        var addPhones: [String] = []

        @Option(name: .customLong("add-url"), help: ArgumentHelp("Add a web page to the list (repeatable).", valueName: "url"))
        var addURLs: [String] = []

        @Option(help: ArgumentHelp("Clear a field (repeatable): \(ContactFieldOptions.clearable.keys.sorted().joined(separator: ", ")).", valueName: "field"))
        var clear: [String] = []

        func validate() throws {
            if let name, name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw ValidationError("a contact needs a name; --name must not be empty")
            }
            for field in clear where ContactFieldOptions.clearable[field.lowercased()] == nil {
                throw ValidationError("cannot clear \"\(field)\": use one of \(ContactFieldOptions.clearable.keys.sorted().joined(separator: ", "))")
            }
            if name == nil && fields.isEmpty && addEmails.isEmpty && addPhones.isEmpty && addURLs.isEmpty && clear.isEmpty {
                throw ValidationError("nothing to change: give a field option (see --help)")
            }
        }

        func run() throws {
            let ctx = try CLIContext(home)
            let c = try ctx.store.find("contact", contact)
            var values = try fields.values(today: ctx.today)
            if let name { values.insert(("name", .text(name.trimmingCharacters(in: .whitespacesAndNewlines))), at: 0) }
            // Additions to a list are read and written by the Store in one transaction, which refuses
            // them while the list is in conflict (no value is ever dropped).
            var additions: [(field: String, items: [String])] = []
            for (field, added) in [("emails", addEmails), ("phones", addPhones), ("urls", addURLs)] where !added.isEmpty {
                additions.append((field, try FieldValues.parse(added, field: field, entity: Schema.contact, today: ctx.today).texts ?? []))
            }
            for field in clear.map({ ContactFieldOptions.clearable[$0.lowercased()]! }) {
                guard !values.contains(where: { $0.field == field }), !additions.contains(where: { $0.field == field }) else {
                    throw ValidationError("\(field) is both set and cleared")
                }
                values.append((field, .null))
            }
            if let url = values.first(where: { $0.field == "linkedin" })?.value.text, url != c.text("linkedin") {
                try Edit.warnIfTaken(linkedin: url, by: c, store: ctx.store)
            }
            let tags = try FieldValues.tags(fields.tags)
            let hubs = try fields.hubs.map { try ctx.store.find("hub", $0) }

            var ops = RecordOps.put("contact", c.id, values.map { ($0.field, $0.value) })
            for tag in tags { ops += RecordOps.tag(c.id, tag) }
            for hub in hubs { ops += RecordOps.join(contact: c.id, hub: hub.id) }
            do {
                try ctx.store.commit(ops, adding: additions, to: RecordKey(entity: "contact", record: c.id))
            } catch let error as StoreError where error.code == .listInConflict {
                let field = error.field ?? ""
                let option = ["emails": "--email", "phones": "--phone", "urls": "--url"][field] ?? "--\(field)"
                throw RecordCommandError("\(RecordText.named(c))'s \(field) are in conflict (different lists from different devices), "
                                         + "so nothing was changed: resolve it first with `touchbase conflicts` and `touchbase resolve N --keep a`, "
                                         + "or give the whole list with \(option)")
            }
            let listFields = additions.map(\.field).filter { f in !values.contains { $0.field == f } }
            let changed = (values.map(\.field) + listFields).map(RecordText.label) + (tags.isEmpty ? [] : ["tags"]) + (hubs.isEmpty ? [] : ["hubs"])
            let updated = try ctx.store.record("contact", id: c.id) ?? c
            print("Updated \(RecordText.named(updated)): \(changed.joined(separator: ", ")).")
        }

        /// Warns when another contact already has this LinkedIn profile (they are probably one person).
        static func warnIfTaken(linkedin url: String, by contact: Record, store: Store) throws {
            var query = RecordQuery(entity: "contact")
            query.equals = [("linkedin", .text(url))]
            var others = try store.records(query).filter { $0.id != contact.id }
            if let derived = try store.record("contact", id: Schema.linkedinContactID(url)), derived.id != contact.id,
               !derived.deleted, derived.survivor == nil, !others.contains(where: { $0.id == derived.id }) {
                others.append(derived)
            }
            if let other = others.first {
                Terminal.warn("note: \(RecordText.named(other)) has the same LinkedIn profile; "
                              + "`touchbase contact merge \(RecordText.shortID(contact.id)) --into \(RecordText.shortID(other.id))` joins them")
            }
        }
    }
}
