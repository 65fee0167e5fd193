import ArgumentParser
import TouchbaseCore
import TouchbaseKit

extension Touchbase.Hub {
    /// `touchbase hub join CONTACT HUB [--role ROLE]`: a contact becomes a member of a hub.
    struct Join: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "join",
            abstract: "Make a contact a member of a hub (again: updates the role).",
            discussion: "A contact is a member of a hub at most once, even when joined on two devices offline.")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The contact: id, unique id prefix or name.", valueName: "contact"))
        var contact: String

        @Argument(help: ArgumentHelp("The hub: id, unique id prefix or name.", valueName: "hub"))
        var hub: String

        @Option(help: ArgumentHelp("Their role in the hub: organizer, speaker, member, ….", valueName: "role"))
        var role: String?

        func run() throws {
            let ctx = try CLIContext(home)
            let c = try ctx.kit.contact(matching: contact)
            let h = try ctx.kit.hub(matching: hub)
            let role = role.flatMap(FieldNormalizer.text)
            try ctx.kit.join(contact: c.id, hub: h.id, role: role)
            print("\(RecordText.named(c)) is a member of \(RecordText.named(h))\(role.map { " (\($0))" } ?? "").")
        }
    }
}
