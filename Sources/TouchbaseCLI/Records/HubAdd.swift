import ArgumentParser
import TouchbaseCore
import TouchbaseStore

extension Touchbase.Hub {
    /// `touchbase hub add NAME [fields]`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a hub: a group, meetup, association or community.")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The hub's name.", valueName: "name"))
        var name: String

        @OptionGroup var fields: HubFieldOptions

        func run() throws {
            let ctx = try CLIContext(home)
            let name = self.name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty else { throw ValidationError("a hub needs a name") }
            let values = try fields.values(today: ctx.today)
            let tags = try FieldValues.tags(fields.tags)
            var query = RecordQuery(entity: "hub")
            query.equals = [("name", .text(name))]
            if let existing = try ctx.store.records(query).first {
                throw RecordCommandError("a hub named \"\(name)\" already exists (\(RecordText.shortID(existing.id))); "
                                         + "use `touchbase hub edit \(RecordText.shortID(existing.id))` to change it")
            }
            let id = ctx.newID()
            var ops = RecordOps.put("hub", id, [("name", .text(name))] + values.map { ($0.field, $0.value) })
            for tag in tags { ops += RecordOps.tag(id, tag) }
            try ctx.store.commit(ops)
            print("Added hub \(name) (\(RecordText.shortID(id))).")
        }
    }
}
