import ArgumentParser
import TouchbaseCore
import TouchbaseKit

extension Touchbase.Hub {
    /// `touchbase hub restore HUB`: brings back a deleted hub with its memberships.
    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore",
            abstract: "Bring back a deleted hub, with its memberships (also keeps a hub in a delete-vs-edit conflict).")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The deleted hub: id, unique id prefix or name.", valueName: "hub"))
        var hub: String

        func run() throws {
            let ctx = try CLIContext(home)
            let h = try ctx.kit.hub(matching: hub, includeDeleted: true)
            do {
                try ctx.kit.restoreHub(h.id)
            } catch let error as WorkspaceError where error.code == .notDeleted {
                throw RecordCommandError("hub \(RecordText.named(h)) is not deleted")
            }
            print("Restored hub \(RecordText.named(h)).")
        }
    }
}
