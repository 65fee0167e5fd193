import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseKit
import TouchbaseStore

extension Touchbase.Opp {
    /// `touchbase opp show OPP`: fields, people, contacts at the same organisation, warm
    /// introductions, open conflicts.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show an opportunity: fields, people, others at the organisation, who could introduce you, conflicts.")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The opportunity: id, unique id prefix, or words of its role and organisation.", valueName: "opp"))
        var opp: String

        @OptionGroup var output: OutputOptions

        func run() throws {
            let ctx = try CLIContext(home)
            let found = try ctx.kit.opportunity(matching: opp, includeDeleted: true)
            let details = try ctx.kit.opportunityDetails(found.id)
            let conflicts = try RecordDetails.conflicts(of: found.id, ctx.store)
            let devices = try ctx.store.deviceNames()
            if output.json {
                try JSONOutput.emit(OpportunityShowJSON(details, conflicts: conflicts.map { RecordConflictJSON(conflict: $0, devices: devices) }))
                return
            }
            let t = ctx.terminal
            let o = details.opportunity
            print(t.bold(TerminalText.visible(o.title)) + "  " + t.dim(o.id.hex) + (o.isDeleted ? t.red("  (deleted)") : ""))
            var fields = o.fields
            fields["role"] = nil
            RecordDetails.printAligned(RecordDetails.fieldLines(fields, Schema.opportunity, name: RecordDetails.namer(ctx.store))
                + o.unknownFields.sorted { $0.key < $1.key }.map { ($0.key, RecordText.value($0.value)) }, t)
            if !conflicts.isEmpty {
                print(t.red("Conflicts") + t.dim(" (an edit that sees both values resolves one)"))
                for conflict in conflicts { print("  " + RecordDetails.line(conflict, devices: devices, name: RecordDetails.namer(ctx.store))) }
            }
            print(t.bold("People") + " (\(details.people.count))")
            RecordDetails.printAligned(details.people.map { p in
                (p.contact.name, [p.role.rawValue, p.since.map { "linked \($0)" }, "last touch " + WorkflowSupport.relative(p.lastInteraction, today: ctx.today)]
                    .compactMap { $0 }.joined(separator: " · "))
            }, t)
            let short = RecordText.shortID(o.id)
            if !details.suggested.isEmpty {
                print(t.bold("Also at \(TerminalText.visible(o.organization ?? "the organisation"))") + t.dim(" (not linked)"))
                for c in details.suggested {
                    print("  \(TerminalText.visible(c.name))" + t.dim("   touchbase opp link \(short) \(WorkflowSupport.shellWord(c.name)) --as works-there"))
                }
            }
            if !details.introductions.isEmpty {
                print(t.bold("Who could introduce you"))
                IntroView.paths(details.introductions, terminal: t).forEach { print($0) }
            }
        }
    }
}
