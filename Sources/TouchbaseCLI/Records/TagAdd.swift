import ArgumentParser
import TouchbaseCore
import TouchbaseKit

extension Touchbase.Tag {
    /// `touchbase tag add RECORD TAG…`: tags a contact (or, with --hub, a hub).
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Tag a contact (or a hub, with --hub).")

        @OptionGroup var home: HomeOptions

        @OptionGroup var target: TagArguments

        func run() throws {
            let ctx = try CLIContext(home)
            let r = try target.find(in: ctx.kit)
            let names = try ctx.kit.tag(target.target.target, r.id, with: try ContactFieldOptions.tags(target.tags))
            print("Tagged \(RecordText.named(r.name, r.id)): \(names.joined(separator: ", ")).")
        }
    }
}
