import ArgumentParser
import TouchbaseCore
import TouchbaseKit

extension Touchbase.Opp {
    /// `touchbase opp link OPP CONTACT --as ROLE`.
    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "link",
            abstract: "Link a contact to an opportunity: works-there, referrer, recruiter or interviewer (again to change the role).")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The opportunity.", valueName: "opp"))
        var opp: String

        @Argument(help: ArgumentHelp("The contact: id, unique id prefix or name.", valueName: "contact"))
        var contact: String

        @Option(name: .customLong("as"), help: ArgumentHelp("works-there, referrer, recruiter or interviewer.", valueName: "role"))
        var role: String = "works-there"

        func run() throws {
            let role = try OpportunityInput.role(self.role)
            let ctx = try CLIContext(home)
            let o = try ctx.kit.opportunity(matching: opp)
            let c = try ctx.kit.contact(matching: contact)
            try OpportunityInput.run { try ctx.kit.linkContact(OpportunityLinkInput(contact: c.id, role: role), toOpportunity: o.id) }
            print("Linked \(RecordText.named(c)) to \(OpportunityInput.named(o)) as \(role.rawValue).")
        }
    }

    /// `touchbase opp unlink OPP CONTACT`.
    struct Unlink: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unlink", abstract: "Remove a contact's link to an opportunity.")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The opportunity.", valueName: "opp"))
        var opp: String

        @Argument(help: ArgumentHelp("The contact: id, unique id prefix or name.", valueName: "contact"))
        var contact: String

        func run() throws {
            let ctx = try CLIContext(home)
            let o = try ctx.kit.opportunity(matching: opp)
            let c = try ctx.kit.contact(matching: contact)
            try OpportunityInput.run { try ctx.kit.unlinkContact(c.id, fromOpportunity: o.id) }
            print("Unlinked \(RecordText.named(c)) from \(OpportunityInput.named(o)).")
        }
    }

    /// `touchbase opp history OPP`.
    struct HistoryCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history", abstract: "Show who changed an opportunity and its people, what, when, on which device.")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The opportunity.", valueName: "opp"))
        var opp: String

        @OptionGroup var output: OutputOptions

        func run() throws {
            let ctx = try CLIContext(home)
            let o = try ctx.kit.opportunity(matching: opp, includeDeleted: true)
            let changes = try ctx.kit.opportunityHistory(o.id)
            let describer = HistoryLines(subject: o.id, isHub: false, kit: ctx.kit)
            func words(_ change: RecordChange) -> [String] {
                var out = describer.describe(change)
                var links: [RecordID: [Op]] = [:]
                for op in change.ops where op.entity == "opportunityContact" { links[op.record, default: []].append(op) }
                for (_, ops) in links.sorted(by: { $0.key < $1.key }) {
                    let contact = ops.first { $0.field == "contact" }?.value.ref
                    let name = contact.flatMap { try? ctx.kit.recordName($0) } ?? "a contact"
                    if ops.contains(where: { $0.field == Merger.deletedField && $0.value == .bool(true) }) {
                        out.append("unlinked \(name)")
                    } else {
                        out.append("linked \(name)" + (ops.first { $0.field == "role" }?.value.text.map { " as \($0)" } ?? ""))
                    }
                }
                return out
            }
            if output.json {
                try JSONOutput.emit(changes.map { HistoryJSON(change: $0, changes: words($0)) })
                return
            }
            print(ctx.terminal.bold(TerminalText.visible(o.title)) + "  " + ctx.terminal.dim(o.id.hex))
            for change in changes {
                let device = change.deviceName ?? String(change.device.hex.prefix(8))
                print("  " + ctx.terminal.dim(RecordText.localTime(milliseconds: change.milliseconds)) + "  "
                      + ctx.terminal.cyan(device) + "  " + words(change).joined(separator: "; "))
            }
            print(RecordText.count(changes.count, "change"))
        }
    }
}
