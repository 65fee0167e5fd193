import ArgumentParser
import TouchbaseCore
import TouchbaseStore

extension Touchbase.Tag {
    /// `touchbase tag add RECORD TAG…`: tags a contact (or, with --hub, a hub).
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tag a contact (or a hub, with --hub).")

        @OptionGroup var home: HomeOptions

        @OptionGroup var target: TagArguments

        func run() throws {
            let ctx = try CLIContext(home)
            let r = try target.find(in: ctx.store)
            let names = try FieldValues.tags(target.tags)
            try ctx.store.commit(names.flatMap { RecordOps.tag(r.id, $0) })
            print("Tagged \(RecordText.named(r)): \(names.joined(separator: ", ")).")
        }
    }
}
