import ArgumentParser
import TouchbaseCore
import TouchbaseStore

extension Touchbase.Tag {
    /// `touchbase tag rm RECORD TAG…`: removes tags from a contact (or, with --hub, a hub).
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove tags from a contact (or a hub, with --hub).")

        @OptionGroup var home: HomeOptions

        @OptionGroup var target: TagArguments

        func run() throws {
            let ctx = try CLIContext(home)
            let r = try target.find(in: ctx.store)
            let names = try FieldValues.tags(target.tags)
            // A tag may have come from a duplicate since merged into this record: remove it there too.
            let aliases = try ctx.store.aliases(of: r.id, entity: r.entity)
            var ops: [Op] = []
            var missing: [String] = []
            for name in names {
                let present = try aliases.filter { alias in
                    let tagging = Schema.taggingID(target: alias, tag: Schema.tagID(name))
                    return try ctx.store.record("tagging", id: tagging).map { !$0.deleted } ?? false
                }
                if present.isEmpty { missing.append(name) }
                ops += present.flatMap { RecordOps.untag($0, name) }
            }
            guard missing.isEmpty else {
                throw RecordCommandError("\(RecordText.named(r)) is not tagged \(missing.map { "\"\($0)\"" }.joined(separator: ", "))")
            }
            try ctx.store.commit(ops)
            print("Removed from \(RecordText.named(r)): \(names.joined(separator: ", ")).")
        }
    }
}
