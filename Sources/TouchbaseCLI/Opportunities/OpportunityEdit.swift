import ArgumentParser
import TouchbaseCore
import TouchbaseKit

extension Touchbase.Opp {
    /// `touchbase opp edit OPP [fields]`.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change fields of an opportunity (an empty value clears a field).",
            discussion: "Moving to a stage records the day it was reached. Setting a field in conflict resolves the conflict.")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The opportunity: id, unique id prefix, or words of its role and organisation.", valueName: "opp"))
        var opp: String

        @Option(name: .long, help: ArgumentHelp("A new role.", valueName: "role"))
        var role: String?

        @OptionGroup var fields: OpportunityFieldOptions

        func run() throws {
            let ctx = try CLIContext(home)
            let o = try ctx.kit.opportunity(matching: opp)
            var changes = OpportunityChanges()
            changes.role = role
            changes.organization = fields.org
            changes.stage = try fields.stage.map(OpportunityInput.stage)
            changes.url = OpportunityFieldOptions.text(fields.url)
            changes.applied = try OpportunityFieldOptions.date(fields.applied, today: ctx.today)
            changes.nextStep = OpportunityFieldOptions.text(fields.nextStep)
            changes.nextStepOn = try OpportunityFieldOptions.date(fields.nextStepOn, today: ctx.today)
            changes.notes = OpportunityFieldOptions.text(fields.notes)
            let edited = try OpportunityInput.run { try ctx.kit.editOpportunity(o.id, changes) }
            print("Updated \(OpportunityInput.named(edited)), \(OpportunityInput.stage(of: edited)).")
        }
    }

    /// `touchbase opp close OPP OUTCOME [--on DATE]`.
    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close",
            abstract: "Close an opportunity with its outcome: accepted, declined, rejected or withdrawn.")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The opportunity.", valueName: "opp"))
        var opp: String

        @Argument(help: ArgumentHelp("accepted, declined, rejected or withdrawn.", valueName: "outcome"))
        var outcome: String

        @Option(name: .long, help: ArgumentHelp("The day it closed (default: today).", valueName: "date"))
        var on: String?

        func run() throws {
            let outcome = try OpportunityInput.outcome(self.outcome)
            let ctx = try CLIContext(home)
            let o = try ctx.kit.opportunity(matching: opp)
            let date = try on.map { try DateInput.parse($0, today: ctx.today) }
            let closed = try OpportunityInput.run { try ctx.kit.closeOpportunity(o.id, outcome: outcome, on: date) }
            print("Closed \(OpportunityInput.named(closed)): \(outcome.rawValue).")
        }
    }

    /// `touchbase opp rm OPP`.
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm", abstract: "Delete an opportunity (`opp restore` brings it back).")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The opportunity.", valueName: "opp"))
        var opp: String

        func run() throws {
            let ctx = try CLIContext(home)
            let o = try ctx.kit.opportunity(matching: opp)
            try OpportunityInput.run { try ctx.kit.removeOpportunity(o.id) }
            print("Deleted \(OpportunityInput.named(o)); `touchbase opp restore \(RecordText.shortID(o.id))` brings it back.")
        }
    }

    /// `touchbase opp restore OPP`.
    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore",
            abstract: "Bring back a deleted opportunity (also keeps one deleted on one device while edited on another).")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The deleted opportunity.", valueName: "opp"))
        var opp: String

        func run() throws {
            let ctx = try CLIContext(home)
            let o = try ctx.kit.opportunity(matching: opp, includeDeleted: true)
            try OpportunityInput.run { try ctx.kit.restoreOpportunity(o.id) }
            print("Restored \(OpportunityInput.named(o)).")
        }
    }
}
