import ArgumentParser
import TouchbaseCore
import TouchbaseStore

extension Touchbase.Contact {
    /// `touchbase contact restore CONTACT`: brings back a deleted contact with its interactions.
    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
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
            let c = try ctx.store.find("contact", contact, includeDeleted: true)
            let conflicted = try RecordDetails.conflicts(of: c.id, ctx.store).contains { $0.kind == .deleteVsEdit }
            guard c.deleted || conflicted else {
                throw RecordCommandError("\(RecordText.named(c)) is not deleted")
            }
            try ctx.store.commit(RecordOps.restore("contact", c.id))
            print("Restored \(RecordText.named(c)).")
        }
    }
}
