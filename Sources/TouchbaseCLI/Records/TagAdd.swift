import ArgumentParser
import TouchbaseCore
import TouchbaseStore

extension Touchbase.Tag {
    /// `touchbase tag add RECORD TAG…`: tags a contact (or, with --hub, a hub).
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tag a contact (or a hub, with --hub).")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The contact (or hub): id, unique id prefix or name.", valueName: "record"))
        var record: String

        @Argument(help: ArgumentHelp("One or more tags.", valueName: "tag"))
        var tags: [String]

        @OptionGroup var target: TagTargetOptions

        func validate() throws {
            if tags.isEmpty { throw ValidationError("give at least one tag") }
        }

        func run() throws {
            let ctx = try CLIContext(home)
            let r = try target.find(record, in: ctx.store)
            let names = try FieldValues.tags(tags)
            try ctx.store.commit(names.flatMap { RecordOps.tag(r.id, $0) })
            print("Tagged \(RecordText.named(r)): \(names.joined(separator: ", ")).")
        }
    }
}
