import ArgumentParser
import Foundation
import TouchbaseKit

extension Touchbase {
    /// `touchbase resolve HANDLE`: settles a conflict with an ordinary edit that sees every value.
    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resolve",
            abstract: "Resolve a conflict listed by `touchbase conflicts`.",
            discussion: """
                Field conflict: --keep a (the letter or number of a value) or --value TEXT. \
                Delete-vs-edit: --restore (keep the record) or --delete. \
                Merge-vs-edit: --merge (merge again, carrying the duplicate's edited fields into the survivor) \
                or --unmerge (keep them apart). \
                Merge cycle: --survivor RECORD (the one that stays). The resolution syncs like any edit.
                """)

        @OptionGroup var homeOptions: HomeOptions
        @Argument(help: ArgumentHelp("The conflict's handle from `touchbase conflicts` (the same on every device), or its number there.",
                                     valueName: "conflict"))
        var conflict: String
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
            guard let c = try ctx.kit.conflict(named: conflict) else {
                let count = try ctx.kit.conflicts().count
                if count == 0 { throw Refusal("there are no open conflicts") }
                if Int(conflict) != nil { throw Refusal("no conflict number \(conflict); there are \(count) (see `touchbase conflicts`)") }
                throw Refusal("no open conflict \"\(conflict)\" (resolved already, here or on another device?); see `touchbase conflicts`")
            }
            let record: ConflictRecord
            do {
                record = try ctx.kit.resolve(c, with: try resolution(for: c, today: ctx.today))
            } catch let e as WorkspaceError where e.code == .conflictNotOpen {
                throw Refusal("conflict \(c.handle) was resolved meanwhile (here or on another device); see `touchbase conflicts`")
            }
            print("resolved \(c.handle): \(record.key.entity) \"\(record.name)\" \(c.field)")
        }

        /// The flags as the kit's resolution for a conflict of this kind.
        func resolution(for c: OpenConflict, today: CalendarDate) throws -> ConflictResolution {
            switch c.kind {
            case .field:
                if let keep {
                    let k = keep.lowercased()
                    let index = Int(k).map { $0 - 1 } ?? (k.count == 1 ? Int(k.unicodeScalars.first!.value) - 97 : -1)
                    guard c.values.indices.contains(index) else {
                        throw ValidationError("--keep must be one of a…\(ConflictView.letter(c.values.count - 1)) (or 1…\(c.values.count))")
                    }
                    return .keep(index)
                }
                guard let value else { throw ValidationError("a field conflict takes --keep or --value") }
                if let schema = Schema.entity(c.record.key.entity), schema.type(of: c.field) != nil {
                    return .value(try FieldInput.parse(value, field: c.field, entity: schema, today: today))
                }
                return .value(.text(value))
            case .deleteVsEdit:
                guard restore || delete else { throw ValidationError("a delete-vs-edit conflict takes --restore or --delete") }
                return restore ? .restore : .delete
            case .mergeVsEdit:
                guard merge || unmerge else { throw ValidationError("a merge-vs-edit conflict takes --merge or --unmerge") }
                return merge ? .merge : .unmerge
            case .mergeCycle:
                guard let survivor else { throw ValidationError("a merge cycle takes --survivor RECORD") }
                guard let chosen = c.cycleMember(matching: survivor) else {
                    throw ValidationError("--survivor must name one of the records in the cycle")
                }
                return .survivor(chosen.key.record)
            }
        }
    }
}
