import ArgumentParser
import TouchbaseCore
import TouchbaseKit

extension Touchbase.Tag {
    /// `touchbase tag rm RECORD TAG…`: removes tags from a contact (or, with --hub, a hub).
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove tags from a contact (or a hub, with --hub).")

        @OptionGroup var home: HomeOptions

        @OptionGroup var target: TagArguments

        func run() throws {
            let ctx = try CLIContext(home)
            let r = try target.find(in: ctx.kit)
            let given = try ContactFieldOptions.tags(target.tags)
            let names: [String]
            do {
                // Also where a tag came from a duplicate since merged into this record.
                names = try ctx.kit.untag(target.target.target, r.id, removing: given)
            } catch let error as WorkspaceError where error.code == .notTagged {
                let missing = try ctx.kit.untaggedNames(target.target.target, r.id, given)
                throw RecordCommandError("\(RecordText.named(r.name, r.id)) is not tagged \(missing.map { "\"\($0)\"" }.joined(separator: ", "))")
            }
            print("Removed from \(RecordText.named(r.name, r.id)): \(names.joined(separator: ", ")).")
        }
    }
}
