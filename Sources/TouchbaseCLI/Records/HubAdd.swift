import ArgumentParser
import TouchbaseCore
import TouchbaseKit

extension Touchbase.Hub {
    /// `touchbase hub add NAME [fields]`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a hub: a group, meetup, association or community.")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The hub's name.", valueName: "name"))
        var name: String

        @OptionGroup var fields: HubFieldOptions

        func run() throws {
            let ctx = try CLIContext(home)
            guard let name = FieldNormalizer.text(self.name) else { throw ValidationError("a hub needs a name") }
            var draft = HubDraft(name: name)
            fields.apply(to: &draft, try fields.checked(today: ctx.today))
            draft.tags = try ContactFieldOptions.tags(fields.tags)
            let added: TouchbaseKit.Hub
            do {
                added = try ctx.kit.addHub(draft)
            } catch let error as WorkspaceError where error.code == .alreadyExists {
                let short = error.detail.map { String($0.prefix(8)) } ?? "?"
                throw RecordCommandError("a hub named \"\(name)\" already exists (\(short)); use `touchbase hub edit \(short)` to change it")
            }
            print("Added hub \(name) (\(RecordText.shortID(added.id))).")
        }
    }
}
