import ArgumentParser
import TouchbaseCore
import TouchbaseKit

extension Touchbase.Contact {
    /// `touchbase contact restore CONTACT`: brings back a deleted contact with its interactions.
    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore",
            abstract: "Bring back a deleted contact, with its interactions.",
            discussion: """
                Also resolves a delete-vs-edit conflict (deleted on one device while edited on another) by \
                keeping the contact. Deleted contacts are listed by `contact list --all`.
                """)

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The deleted contact: id, unique id prefix or name.", valueName: "contact"))
        var contact: String

        func run() throws {
            let ctx = try CLIContext(home)
            let c = try ctx.kit.contact(matching: contact, includeDeleted: true)
            do {
                try ctx.kit.restoreContact(c.id)
            } catch let error as WorkspaceError where error.code == .notDeleted {
                throw RecordCommandError("\(RecordText.named(c)) is not deleted")
            }
            print("Restored \(RecordText.named(c)).")
        }
    }
}
