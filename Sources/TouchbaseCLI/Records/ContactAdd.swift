import ArgumentParser
import TouchbaseCore
import TouchbaseKit

extension Touchbase.Contact {
    /// `touchbase contact add NAME [fields]`: one new contact, its tags and hub memberships in one edit.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a contact.",
            discussion: """
                New contacts start at stage `want` (wishlist) with voter `unknown`. A contact added with a \
                LinkedIn profile gets an id derived from it, so adding or importing the same person again \
                never makes a duplicate.
                """)

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The contact's full name.", valueName: "name"))
        var name: String

        @OptionGroup var fields: ContactFieldOptions

        func run() throws {
            let ctx = try CLIContext(home)
            guard FieldNormalizer.text(name) != nil else { throw ValidationError("a contact needs a name") }
            let draft = try fields.draft(name: name, kit: ctx.kit)
            let added: ContactAddition
            do {
                added = try ctx.kit.addContact(draft)
            } catch let error as WorkspaceError where error.field == "linkedin" && [.alreadyExists, .alreadyExistsDeleted].contains(error.code) {
                throw try Add.taken(error, kit: ctx.kit)
            }
            let name = added.contact.name
            print("Added \(name) (\(RecordText.shortID(added.contact.id))).")
            if !added.sameName.isEmpty {
                Terminal.warn("note: \(RecordText.count(added.sameName.count, "other contact")) named \"\(name)\" already: "
                              + added.sameName.map { RecordText.shortID($0.id) }.joined(separator: ", ")
                              + "; `touchbase contact merge` joins duplicates")
            }
        }

        /// A LinkedIn profile that belongs to a contact already, in words naming it.
        static func taken(_ error: WorkspaceError, kit: Workspace) throws -> RecordCommandError {
            guard let hex = error.detail, let id = RecordID(hex: hex), let holder = try kit.contact(id: id) else {
                return RecordCommandError("a contact already has this LinkedIn profile")
            }
            if error.code == .alreadyExistsDeleted {
                return RecordCommandError("\(RecordText.named(holder)) with this LinkedIn profile exists but is deleted; "
                                          + "`touchbase contact restore \(RecordText.shortID(holder.id))` brings it back")
            }
            return RecordCommandError("\(RecordText.named(holder)) already has this LinkedIn profile; "
                                      + "use `touchbase contact edit \(RecordText.shortID(holder.id))` to change it")
        }
    }
}
