import ArgumentParser
import TouchbaseCore
import TouchbaseKit

extension Touchbase.Opp {
    /// `touchbase opp list`: open opportunities by stage, with their next step.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List opportunities (open ones unless --all).")

        @OptionGroup var home: HomeOptions

        @Option(name: .long, help: ArgumentHelp("Only this stage.", valueName: "stage"))
        var stage: String?

        @Option(name: .long, help: ArgumentHelp("Only this organisation (any case, accents aside).", valueName: "org"))
        var org: String?

        @Flag(help: "Include closed opportunities.")
        var all = false

        @Flag(help: "Include deleted opportunities.")
        var deleted = false

        @OptionGroup var output: OutputOptions

        func run() throws {
            let ctx = try CLIContext(home)
            var filter = OpportunityFilter()
            filter.stage = try stage.map(OpportunityInput.stage)
            filter.includeClosed = all
            filter.includeDeleted = deleted
            filter.organization = org
            let list = try ctx.kit.opportunities(filter)
            let people = try list.map { try ctx.kit.people(ofOpportunity: $0.id) }
            if output.json {
                try JSONOutput.emit(zip(list, people).map { OpportunityRowJSON(opportunity: $0, people: $1) })
                return
            }
            guard !list.isEmpty else {
                print(filter == OpportunityFilter() ? "No opportunities yet; add one with `touchbase opp add ROLE --org ORG`." : "No opportunities match.")
                return
            }
            var table = TextTable(["ID", "ROLE", "ORG", "STAGE", "NEXT", "ON", "PEOPLE"])
            for (o, p) in zip(list, people) {
                table.add([RecordText.shortID(o.id), TextTable.clip(o.role, 30) + (o.isDeleted ? " (deleted)" : ""), TextTable.clip(o.organization ?? "", 24),
                           OpportunityInput.stage(of: o), TextTable.clip(o.nextStep ?? "", 30), o.nextStepOn?.description ?? "", String(p.count)])
            }
            print(table.render(ctx.terminal))
            print(RecordText.count(list.count, "opportunity").replacingOccurrences(of: "opportunitys", with: "opportunities"))
        }
    }
}
