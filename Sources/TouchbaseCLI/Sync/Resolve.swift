import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseStore

extension Touchbase {
    /// `touchbase resolve N`: settles a conflict with an ordinary edit that sees every value.
    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resolve a conflict listed by `touchbase conflicts`.",
            discussion: """
                Field conflict: --keep a (the letter or number of a value) or --value TEXT. \
                Delete-vs-edit: --restore (keep the record) or --delete. \
                Merge-vs-edit: --merge (merge again, carrying the duplicate's edited fields into the survivor) \
                or --unmerge (keep them apart). \
                Merge cycle: --survivor RECORD (the one that stays). The resolution syncs like any edit.
                """)

        @OptionGroup var homeOptions: HomeOptions
        @Argument(help: "The conflict number from `touchbase conflicts`.") var number: Int
        @Option(help: ArgumentHelp("Keep this value (its letter or number).", valueName: "a|b|1|2")) var keep: String?
        @Option(help: ArgumentHelp("Set a new value instead.", valueName: "text")) var value: String?
        @Flag(help: "Delete-vs-edit: keep the record.") var restore = false
        @Flag(help: "Delete-vs-edit: delete it after all.") var delete = false
        @Option(help: ArgumentHelp("Merge cycle: the record that survives.", valueName: "record")) var survivor: String?
        @Flag(help: "Merge-vs-edit: merge again, carrying the edited fields into the survivor.") var merge = false
        @Flag(help: "Merge-vs-edit: undo the merge, keeping both records.") var unmerge = false

        func validate() throws {
            let chosen = [keep != nil, value != nil, restore, delete, survivor != nil, merge, unmerge].filter { $0 }.count
            guard chosen == 1 else { throw ValidationError("choose exactly one of --keep, --value, --restore, --delete, --merge, --unmerge, --survivor") }
        }

        func run() throws {
            let ctx = try CLIContext(homeOptions)
            let conflicts = try ctx.store.conflicts()
            guard (1...max(1, conflicts.count)).contains(number), number <= conflicts.count else {
                throw ValidationError(conflicts.isEmpty ? "there are no open conflicts" : "no conflict number \(number); there are \(conflicts.count)")
            }
            let c = conflicts[number - 1]
            if c.kind == .mergeVsEdit, merge, let into = c.links.first {
                // Merging again sees the edits; the Store copies them into the survivor in the same edit.
                try ctx.store.merge(c.record.entity, c.record.record, into: into.record, overriding: Set(c.editedFields))
            } else {
                let ops = try ConflictResolution.ops(for: c, keep: keep, value: value, restore: restore, delete: delete,
                                                     survivor: survivor, store: ctx.store, today: ctx.today, unmerge: unmerge)
                try ctx.store.commit(ops)
            }
            print("resolved \(number): \(c.record.entity) \"\(try ConflictView(store: ctx.store).recordName(c.record))\" \(c.field)")
        }
    }
}
