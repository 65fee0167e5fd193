import ArgumentParser
import TouchbaseCore
import TouchbaseStore

extension Touchbase.Hub {
    /// `touchbase hub restore HUB`: brings back a deleted hub with its memberships.
    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bring back a deleted hub, with its memberships (also keeps a hub in a delete-vs-edit conflict).")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The deleted hub: id, unique id prefix or name.", valueName: "hub"))
        var hub: String

        func run() throws {
            let ctx = try CLIContext(home)
            let h = try ctx.store.find("hub", hub, includeDeleted: true)
            let conflicted = try RecordDetails.conflicts(of: h.id, ctx.store).contains { $0.kind == .deleteVsEdit }
            guard h.deleted || conflicted else { throw RecordCommandError("hub \(RecordText.named(h)) is not deleted") }
            try ctx.store.commit(RecordOps.restore("hub", h.id))
            print("Restored hub \(RecordText.named(h)).")
        }
    }
}
