import ArgumentParser
import TouchbaseCore
import TouchbaseKit

extension Touchbase.Contact {
    /// `touchbase contact edit CONTACT [fields] [--clear FIELD]`: sets the given fields only, in one edit.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
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
            let c = try ctx.kit.contact(matching: contact)
            var changes = try fields.changes(kit: ctx.kit)
            if let name { changes.name = name }
            // Each addition checked here, so that a refusal quotes it.
            for (field, added) in [("emails", addEmails), ("phones", addPhones), ("urls", addURLs)] {
                for text in added { _ = try FieldInput.parse(text, field: field, entity: Schema.contact, today: ctx.today) }
            }
            changes.addEmails = addEmails
            changes.addPhones = addPhones
            changes.addURLs = addURLs
            let set = fields.givenFields + [("emails", addEmails), ("phones", addPhones), ("urls", addURLs)].filter { !$0.1.isEmpty }.map(\.0)
            for field in clear.map({ ContactFieldOptions.clearable[$0.lowercased()]! }) {
                guard !set.contains(field) else { throw ValidationError("\(field) is both set and cleared") }
                Edit.clear(field, in: &changes)
            }
            let result: ContactEditResult
            do {
                result = try ctx.kit.editContact(c.id, changes)
            } catch let error as WorkspaceError where error.code == .listInConflict {
                let field = error.field ?? "list"
                let option = ["emails": "--email", "phones": "--phone", "urls": "--url"][field] ?? "--\(field)"
                throw RecordCommandError("\(RecordText.named(c))'s \(field) are in conflict (different lists from different devices), "
                                         + "so nothing was changed: resolve it first with `touchbase conflicts` and `touchbase resolve N --keep a`, "
                                         + "or give the whole list with \(option)")
            }
            if let other = result.sameLinkedIn {
                Terminal.warn("note: \(RecordText.named(other)) has the same LinkedIn profile; "
                              + "`touchbase contact merge \(RecordText.shortID(c.id)) --into \(RecordText.shortID(other.id))` joins them")
            }
            print("Updated \(RecordText.named(result.contact)): \(result.changed.map(RecordText.label).joined(separator: ", ")).")
        }

        /// Marks `field` (a schema name) to be cleared.
        static func clear(_ field: String, in changes: inout ContactChanges) {
            switch field {
            case "organization": changes.organization = .clear
            case "role": changes.role = .clear
            case "emails": changes.emails = .clear
            case "phones": changes.phones = .clear
            case "linkedin": changes.linkedin = .clear
            case "urls": changes.urls = .clear
            case "location": changes.location = .clear
            case "voter": changes.voter = .clear
            case "stage": changes.stage = .clear
            case "ask": changes.ask = .clear
            case "offer": changes.offer = .clear
            case "source": changes.source = .clear
            case "notes": changes.notes = .clear
            case "cadence": changes.cadence = .clear
            case "birthday": changes.birthday = .clear
            default: break
            }
        }
    }
}
