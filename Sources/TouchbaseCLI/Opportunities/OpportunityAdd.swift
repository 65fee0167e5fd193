import ArgumentParser
import TouchbaseCore
import TouchbaseKit

extension Touchbase.Opp {
    /// `touchbase opp add ROLE --org ORG [fields] [people]`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add an opportunity: a role at an organisation.",
            discussion: "Contacts at the same organisation (any case, accents aside) are listed, to link them.")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The role (job title).", valueName: "role"))
        var role: String

        @OptionGroup var fields: OpportunityFieldOptions
        @OptionGroup var people: OpportunityPeopleOptions

        func run() throws {
            let ctx = try CLIContext(home)
            guard let org = fields.org else { throw ValidationError("an opportunity needs an organisation (--org)") }
            var draft = OpportunityDraft(role: role, organization: org)
            draft.stage = try fields.stage.map(OpportunityInput.stage)
            draft.url = fields.url
            if case .set(let d)? = try OpportunityFieldOptions.date(fields.applied, today: ctx.today) { draft.applied = d }
            draft.nextStep = fields.nextStep
            if case .set(let d)? = try OpportunityFieldOptions.date(fields.nextStepOn, today: ctx.today) { draft.nextStepOn = d }
            draft.notes = fields.notes
            draft.contacts = try people.links(ctx.kit)
            let added = try OpportunityInput.run { try ctx.kit.addOpportunity(draft) }
            let o = added.opportunity
            print("Added \(OpportunityInput.named(o)), \(OpportunityInput.stage(of: o)).")
            if !added.suggested.isEmpty {
                print("Also at \(o.organization ?? org): " + added.suggested.map { TerminalText.visible($0.name) }.joined(separator: ", "))
                print(ctx.terminal.dim("  link them: touchbase opp link \(RecordText.shortID(o.id)) CONTACT --as referrer|works-there"))
            }
        }
    }
}
