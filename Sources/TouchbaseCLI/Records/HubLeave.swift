import ArgumentParser
import TouchbaseCore
import TouchbaseStore

extension Touchbase.Hub {
    /// `touchbase hub leave CONTACT HUB`: ends a membership.
    struct Leave: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End a contact's membership of a hub.")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The contact: id, unique id prefix or name.", valueName: "contact"))
        var contact: String

        @Argument(help: ArgumentHelp("The hub: id, unique id prefix or name.", valueName: "hub"))
        var hub: String

        func run() throws {
            let ctx = try CLIContext(home)
            let c = try ctx.store.find("contact", contact)
            let h = try ctx.store.find("hub", hub)
            // The membership may have been made on a duplicate since merged into this contact.
            var ops: [Op] = []
            for alias in try ctx.store.aliases(of: c.id, entity: "contact") {
                if let m = try ctx.store.record("membership", id: Schema.membershipID(contact: alias, hub: h.id)), !m.deleted {
                    ops += RecordOps.leave(contact: alias, hub: h.id)
                }
            }
            guard !ops.isEmpty else { throw RecordCommandError("\(RecordText.named(c)) is not a member of \(RecordText.named(h))") }
            try ctx.store.commit(ops)
            print("\(RecordText.named(c)) left \(RecordText.named(h)).")
        }
    }
}
