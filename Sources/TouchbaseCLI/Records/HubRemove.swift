import ArgumentParser
import TouchbaseCore
import TouchbaseKit

extension Touchbase.Hub {
    /// `touchbase hub rm HUB`: deletes a hub; memberships are kept, hidden with it.
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm",
            abstract: "Delete a hub (memberships are kept, hidden; `hub restore` brings it back).")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The hub: id, unique id prefix or name.", valueName: "hub"))
        var hub: String

        func run() throws {
            let ctx = try CLIContext(home)
            let h = try ctx.kit.hub(matching: hub)
            try ctx.kit.removeHub(h.id)
            print("Deleted hub \(RecordText.named(h)); `touchbase hub restore \(RecordText.shortID(h.id))` brings it back.")
        }
    }
}
