import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseKit

extension Touchbase.Contact {
    /// `touchbase contact bulk --tag alumni --set-stage docket`: one change to everyone a filter
    /// selects, previewed, confirmed, written in one edit.
    struct Bulk: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bulk",
            abstract: "Change the stage, voter, tags or cadence of every contact a filter selects.",
            discussion: """
                Select with --tag, --stage, --voter, --org, --hub and --search (at least one; all must match), \
                change with --set-stage, --set-voter, --add-tag, --remove-tag and --set-cadence (DAYS or off). \
                The contacts that would change are listed first; on a terminal you are asked to confirm, \
                in a script --yes is required (--dry-run only previews). Everything is one edit: it syncs, \
                and reads in history, as one.
                """)

        @OptionGroup var home: HomeOptions

        @Option(help: ArgumentHelp("Select contacts with this tag.", valueName: "tag")) var tag: String?
        @Option(help: ArgumentHelp("Select contacts at this stage.", valueName: "stage")) var stage: String?
        @Option(help: ArgumentHelp("Select \(Schema.voters.joined(separator: ", ")) voters.", valueName: "voter")) var voter: String?
        @Option(name: .customLong("org"), help: ArgumentHelp("Select contacts at this organisation (any case or accents).", valueName: "organisation"))
        var organization: String?
        @Option(help: ArgumentHelp("Select members of this hub (id, id prefix or name).", valueName: "hub")) var hub: String?
        @Option(help: ArgumentHelp("Select contacts whose text fields contain this text.", valueName: "text")) var search: String?

        @Option(name: .customLong("set-stage"), help: ArgumentHelp("The stage to give them: \(Schema.stages.joined(separator: ", ")).", valueName: "stage"))
        var setStage: String?
        @Option(name: .customLong("set-voter"), help: ArgumentHelp("The voter to give them: \(Schema.voters.joined(separator: ", ")).", valueName: "voter"))
        var setVoter: String?
        @Option(name: .customLong("add-tag"), help: ArgumentHelp("A tag to add (repeatable).", valueName: "tag")) var addTags: [String] = []
        @Option(name: .customLong("remove-tag"), help: ArgumentHelp("A tag to remove (repeatable).", valueName: "tag")) var removeTags: [String] = []
        @Option(name: .customLong("set-cadence"), help: ArgumentHelp("Keep in touch every DAYS days, or off.", valueName: "days|off"))
        var setCadence: String?

        @Flag(help: "Make the change without asking (required when not on a terminal).") var yes = false
        @Flag(name: .customLong("dry-run"), help: "Only list who would change.") var dryRun = false
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard [tag, stage, voter, organization, hub, search].contains(where: { $0 != nil }) else {
                throw ValidationError("choose who to change: --tag, --stage, --voter, --org, --hub or --search")
            }
            guard setStage != nil || setVoter != nil || !addTags.isEmpty || !removeTags.isEmpty || setCadence != nil else {
                throw ValidationError("choose what to change: --set-stage, --set-voter, --add-tag, --remove-tag or --set-cadence")
            }
        }

        func run() throws {
            let ctx = try CLIContext(home)
            let edit = try bulkEdit(ctx)
            let preview = try ctx.kit.bulkEdit(edit, apply: false)
            if output.json && (dryRun || preview.changes.isEmpty) { try JSONOutput.emit(BulkEditJSON(preview)); return }
            if !output.json { print(Bulk.text(preview)) }
            guard !dryRun, !preview.changes.isEmpty else { return }
            if !yes {
                guard ctx.terminal.interactive else {
                    throw Refusal("nothing changed: a bulk edit outside a terminal needs --yes (or --dry-run to preview)")
                }
                let answer = WorkflowSupport.ask("Change \(Bulk.count(preview.changes.count))? [y/N]")?.lowercased()
                guard answer == "y" || answer == "yes" else { print("Nothing changed."); return }
            }
            let result = try ctx.kit.bulkEdit(edit, apply: true)
            if output.json { try JSONOutput.emit(BulkEditJSON(result)); return }
            print("Changed \(Bulk.count(result.changes.count)) in one edit.")
        }

        /// The flags as the kit's bulk edit.
        func bulkEdit(_ ctx: CLIContext) throws -> BulkEdit {
            func word(_ text: String, _ field: String) throws -> String? {
                try FieldInput.parse(text, field: field, entity: Schema.contact, today: ctx.today).text
            }
            var filter = ContactFilter()
            if let stage { filter.stage = try word(stage, "stage").map(Stage.init(rawValue:)) }
            if let voter { filter.voter = try word(voter, "voter").map(Voter.init(rawValue:)) }
            if let tag {
                guard !Schema.normalizeTag(tag).isEmpty else { throw ValidationError("a tag name must not be empty") }
                filter.tag = tag
            }
            if let hub { filter.hub = try ctx.kit.hub(matching: hub).id }
            filter.text = search
            var edit = BulkEdit(filter: filter, organization: organization)
            if let setStage { edit.stage = try word(setStage, "stage").map(Stage.init(rawValue:)) }
            if let setVoter { edit.voter = try word(setVoter, "voter").map(Voter.init(rawValue:)) }
            for name in addTags + removeTags where Schema.normalizeTag(name).isEmpty { throw ValidationError("a tag name must not be empty") }
            edit.addTags = addTags
            edit.removeTags = removeTags
            if let setCadence {
                if setCadence.lowercased() == "off" {
                    edit.cadence = .some(nil)
                } else {
                    let range = WorkflowLimits.cadenceDays
                    guard let days = Int(setCadence), range.contains(days) else {
                        throw ValidationError("--set-cadence must be a whole number from \(range.lowerBound) to \(range.upperBound), or off; not \"\(setCadence)\"")
                    }
                    edit.cadence = .some(days)
                }
            }
            return edit
        }

        /// `3 contacts` / `1 contact`.
        static func count(_ n: Int) -> String { n == 1 ? "1 contact" : "\(n) contacts" }

        /// The preview: who changes and how, and how many already read as asked.
        static func text(_ r: BulkEditResult) -> TextBlock {
            var lines: [String] = []
            if r.changes.isEmpty {
                lines.append(r.matched == 0 ? "No contact matches." : "Nothing to change: the \(count(r.matched)) selected already read so.")
                return TextBlock(lines)
            }
            lines.append("\(count(r.changes.count)) would change" + (r.unchanged > 0 ? " (\(r.unchanged) already read so):" : ":"))
            for c in r.changes {
                let org = c.organization.map { " (\(TerminalText.visible($0)))" } ?? ""
                lines.append("  \(TerminalText.visible(c.name))\(org): " + c.steps.map(step).joined(separator: ", "))
            }
            return TextBlock(lines)
        }

        static func step(_ s: BulkEditResult.Step) -> String {
            switch s {
            case .stage(let from, let to): return "stage \(from?.rawValue ?? "none") → \(to.rawValue)"
            case .voter(let from, let to): return "voter \(from?.rawValue ?? "none") → \(to.rawValue)"
            case .tagAdded(let tag): return "+#\(tag)"
            case .tagRemoved(let tag): return "-#\(tag)"
            case .cadence(let from, let to): return "cadence \(from.map { "\($0) days" } ?? "off") → \(to.map { "\($0) days" } ?? "off")"
            }
        }
    }
}
