import ArgumentParser
import TouchbaseCore
import TouchbaseKit

extension Touchbase.Hub {
    /// `touchbase hub leave CONTACT HUB`: ends a membership.
    struct Leave: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "leave", abstract: "End a contact's membership of a hub.")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The contact: id, unique id prefix or name.", valueName: "contact"))
        var contact: String

        @Argument(help: ArgumentHelp("The hub: id, unique id prefix or name.", valueName: "hub"))
        var hub: String

        func run() throws {
            let ctx = try CLIContext(home)
            let c = try ctx.kit.contact(matching: contact)
            let h = try ctx.kit.hub(matching: hub)
            do {
                // Also a membership made on a duplicate since merged into this contact.
                try ctx.kit.leave(contact: c.id, hub: h.id)
            } catch let error as WorkspaceError where error.code == .notMember {
                throw RecordCommandError("\(RecordText.named(c)) is not a member of \(RecordText.named(h))")
            }
            print("\(RecordText.named(c)) left \(RecordText.named(h)).")
        }
    }
}
