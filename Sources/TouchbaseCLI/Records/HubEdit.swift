import ArgumentParser
import TouchbaseCore
import TouchbaseKit

extension Touchbase.Hub {
    /// `touchbase hub edit HUB [fields] [--clear FIELD]`: sets the given fields only.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change a hub's fields; fields not given are left as they are.",
            discussion: "--tag adds tags (see `tag rm`). Setting a field that is in conflict resolves the conflict.")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The hub: id, unique id prefix or name.", valueName: "hub"))
        var hub: String

        @Option(help: ArgumentHelp("A new name.", valueName: "name"))
        var name: String?

        @OptionGroup var fields: HubFieldOptions

        @Option(help: ArgumentHelp("Clear a field (repeatable): \(HubFieldOptions.clearable.joined(separator: ", ")).", valueName: "field"))
        var clear: [String] = []

        func validate() throws {
            if let name, name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw ValidationError("a hub needs a name; --name must not be empty")
            }
            for field in clear where !HubFieldOptions.clearable.contains(field.lowercased()) {
                throw ValidationError("cannot clear \"\(field)\": use one of \(HubFieldOptions.clearable.joined(separator: ", "))")
            }
            if name == nil && fields.isEmpty && clear.isEmpty {
                throw ValidationError("nothing to change: give a field option (see --help)")
            }
        }

        func run() throws {
            let ctx = try CLIContext(home)
            let h = try ctx.kit.hub(matching: hub)
            let checked = try fields.checked(today: ctx.today)
            var changes = HubChanges()
            if let name { changes.name = name }
            fields.apply(to: &changes, checked)
            for field in clear.map({ $0.lowercased() }) {
                guard !checked.contains(where: { $0.field == field }) else { throw ValidationError("\(field) is both set and cleared") }
                HubFieldOptions.clear(field, in: &changes)
            }
            changes.tags = try ContactFieldOptions.tags(fields.tags)
            let result = try ctx.kit.editHub(h.id, changes)
            print("Updated hub \(RecordText.named(result.hub)): \(result.changed.joined(separator: ", ")).")
        }
    }
}
