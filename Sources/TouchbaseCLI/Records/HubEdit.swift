import ArgumentParser
import TouchbaseCore
import TouchbaseStore

extension Touchbase.Hub {
    /// `touchbase hub edit HUB [fields] [--clear FIELD]`: sets the given fields only.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
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
            let h = try ctx.store.find("hub", hub)
            var values = try fields.values(today: ctx.today)
            if let name { values.insert(("name", .text(name.trimmingCharacters(in: .whitespacesAndNewlines))), at: 0) }
            for field in clear.map({ $0.lowercased() }) {
                guard !values.contains(where: { $0.field == field }) else { throw ValidationError("\(field) is both set and cleared") }
                values.append((field, .null))
            }
            let tags = try FieldValues.tags(fields.tags)
            var ops = RecordOps.put("hub", h.id, values.map { ($0.field, $0.value) })
            for tag in tags { ops += RecordOps.tag(h.id, tag) }
            try ctx.store.commit(ops)
            let changed = values.map(\.field) + (tags.isEmpty ? [] : ["tags"])
            let updated = try ctx.store.record("hub", id: h.id) ?? h
            print("Updated hub \(RecordText.named(updated)): \(changed.joined(separator: ", ")).")
        }
    }
}
