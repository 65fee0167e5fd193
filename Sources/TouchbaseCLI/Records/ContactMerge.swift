import ArgumentParser
import TouchbaseCore
import TouchbaseKit

extension Touchbase.Contact {
    /// `touchbase contact merge DUPLICATE --into SURVIVOR`: one person, two records → one.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Merge a duplicate contact into the one that stays.",
            discussion: """
                The duplicate's interactions, tags and hubs show under the survivor from then on. Fields the \
                survivor lacks are copied from the duplicate (emails, phones and URLs are combined, every \
                value of both records kept, even values in conflict), in the same edit.
                """)

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The duplicate, which disappears into the survivor: id, id prefix or name.", valueName: "duplicate"))
        var duplicate: String

        @Option(help: ArgumentHelp("The contact that stays: id, id prefix or name.", valueName: "survivor"))
        var into: String

        func run() throws {
            let ctx = try CLIContext(home)
            let dup = try ctx.kit.contact(matching: duplicate)
            let survivor = try ctx.kit.contact(matching: into)
            guard dup.id != survivor.id else {
                throw RecordCommandError("\(RecordText.named(dup)) and \"\(into)\" are the same contact")
            }
            // The kit reads both records inside the merge's own transaction: every value of both
            // records' lists (conflicting ones included) ends up on the survivor.
            let copied = try ctx.kit.mergeContact(dup.id, into: survivor.id).copied
            let note = copied.isEmpty ? "" : "; copied \(copied.map { RecordText.label($0) }.joined(separator: ", "))"
            print("Merged \(RecordText.named(dup)) into \(RecordText.named(survivor))\(note).")
        }
    }
}
