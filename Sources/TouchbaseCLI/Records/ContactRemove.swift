import ArgumentParser
import TouchbaseCore
import TouchbaseKit

extension Touchbase.Contact {
    /// `touchbase contact rm CONTACT`: deletes a contact; its interactions are kept, hidden with it.
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm",
            abstract: "Delete a contact (its interactions are kept, hidden; `contact restore` brings it back).",
            discussion: """
                If another device edited the contact at the same time, the contact stays visible with a \
                delete-vs-edit conflict; deleting it again here resolves that.
                """)

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The contact: id, unique id prefix or name.", valueName: "contact"))
        var contact: String

        func run() throws {
            let ctx = try CLIContext(home)
            let c = try ctx.kit.contact(matching: contact)
            try ctx.kit.removeContact(c.id)
            print("Deleted \(RecordText.named(c)); `touchbase contact restore \(RecordText.shortID(c.id))` brings it back.")
        }
    }
}
