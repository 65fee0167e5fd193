import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseKit
import TouchbaseStore

extension Touchbase {
    /// `touchbase reason`: the library of things to share.
    struct ReasonCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reason",
            abstract: "The library of things to share (reasons to reach out), and with whom each was shared.",
            subcommands: [Add.self, List.self, Remove.self],
            defaultSubcommand: List.self)

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Add something to share: \"I wrote a blog post on …\".")

            @OptionGroup var home: HomeOptions

            @Argument(help: ArgumentHelp("What you have to share.", valueName: "text"))
            var text: String

            @Option(name: .long, help: ArgumentHelp("A link to it.", valueName: "url"))
            var url: String?

            func run() throws {
                let draft = ReasonDraft(text: text)
                do { try draft.validate() } catch is WorkspaceError { throw ValidationError("say what you have to share") }
                let link = try url.map(FieldInput.url)
                let ctx = try CLIContext(home)
                do {
                    let reason = try ctx.kit.addReason(ReasonDraft(text: text, url: link))
                    print("Added \(String(reason.id.hex.prefix(8)))  \(reason.text)")
                } catch let e as WorkspaceError where e.code == .reasonExists {
                    let existing = try e.detail.flatMap(RecordID.init(hex:)).flatMap { try ctx.kit.reason(id: $0) }
                    throw Refusal("already in the library: \(String((existing?.id.hex ?? "").prefix(8)))  \(existing?.displayText ?? "")")
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List the reasons and the contacts each was shared with.")

            @OptionGroup var home: HomeOptions
            @OptionGroup var output: OutputOptions

            func run() throws {
                let ctx = try CLIContext(home)
                let uses = try ctx.kit.reasons()
                if output.json {
                    try JSONOutput.emit(uses.map(ReasonJSON.init))
                    return
                }
                if uses.isEmpty { print("No reasons yet: touchbase reason add \"I wrote a blog post on …\""); return }
                for u in uses {
                    print("\(String(u.reason.id.hex.prefix(8)))  \(u.reason.displayText)" + (u.reason.url.flatMap { $0.isEmpty ? nil : ctx.terminal.dim("  \($0)") } ?? ""))
                    let who = u.usedWith.isEmpty ? "not used yet" : "used with " + u.usedWith.map(\.name).joined(separator: ", ")
                    print(ctx.terminal.dim("          \(who)"))
                }
            }
        }

        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove a reason from the library (past touches keep their text).")

            @OptionGroup var home: HomeOptions

            @Argument(help: ArgumentHelp("The reason: its text, part of it, or an id prefix.", valueName: "reason"))
            var reason: String

            func run() throws {
                let ctx = try CLIContext(home)
                let r = try ctx.kit.removeReason(try ctx.kit.reason(matching: reason).id)
                print("Removed \(String(r.id.hex.prefix(8)))  \(r.displayText)")
            }
        }
    }

    /// `touchbase dupes`: likely duplicate contacts.
    struct Dupes: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dupes",
            abstract: "List likely duplicate contacts, each with the merge command that would fix it.",
            discussion: "Linked by the same email, phone or LinkedIn profile, or near-identical names (edit distance at most 15 % of the name). Nothing is changed.")

        @OptionGroup var home: HomeOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let ctx = try CLIContext(home)
            let groups = try ctx.kit.duplicates()
            if output.json {
                try JSONOutput.emit(groups.map(DuplicateJSON.init))
                return
            }
            if groups.isEmpty { print("No likely duplicates."); return }
            for g in groups {
                let all = [g.survivor] + g.duplicates
                print(ctx.terminal.bold(all.map { "\($0.name) (\(String($0.id.hex.prefix(8))))" }.joined(separator: " = "))
                      + ctx.terminal.dim("  — " + g.reasons.map(WorkflowText.duplicate).joined(separator: ", ")))
                for d in g.duplicates { print("  " + DuplicateJSON.command(d.id, into: g.survivor.id)) }
            }
            print(ctx.terminal.dim("\(groups.count) group\(groups.count == 1 ? "" : "s") of likely duplicates."))
        }
    }

    /// `touchbase hub mix`: set and swing voters per hub.
    struct HubMixCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mix",
            abstract: "Each hub's share of set and swing voters, among its members and your recent touches there.",
            discussion: """
                Set voters are people like you (also seeking); swing voters are mixed (founders, bosses, \
                freelancers). A hub whose members with a known kind are mostly set voters is flagged as a \
                stop-loss. Recent touches are the logged interactions of the last `mix-days` days (default \
                90) at the hub or with its members.
                """)

        @OptionGroup var home: HomeOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: ArgumentHelp("One hub (default: all).", valueName: "hub"))
        var hub: String?

        @Option(name: .long, help: ArgumentHelp("How many days of touches count as recent (default: the mix-days setting).", valueName: "n"))
        var days: Int?

        func run() throws {
            if let days, !WorkflowLimits.windowDays.contains(days) {
                throw ValidationError("--days must be between \(WorkflowLimits.windowDays.lowerBound) and \(WorkflowLimits.windowDays.upperBound)")
            }
            let ctx = try CLIContext(home)
            let one = try hub.map { try WorkflowSupport.hub($0, in: ctx) }
            let mix = try ctx.kit.hubMix(hub: one?.id, days: days)
            let since = mix.since, hubs = mix.hubs
            if output.json {
                try JSONOutput.emit(HubMixJSON(mix))
                return
            }
            let t = ctx.terminal
            func describe(_ c: HubMix.Counts) -> String {
                guard c.total > 0 else { return "none" }
                return "\(c.setVoters) set, \(c.swingVoters) swing, \(c.unknownVoters) unknown (swing \(WorkflowSupport.percent(c.swingShare)))"
            }
            if hubs.isEmpty { print("No hubs yet: touchbase hub add NAME") }
            for h in hubs {
                print(t.bold(h.name) + (h.stopLoss ? "  " + t.yellow("⚠ stop-loss: mostly set voters — look for hubs with more swing voters") : ""))
                print("  members:        " + describe(h.members))
                print("  recent touches: " + describe(h.touches))
            }
            if one == nil { print(t.dim("Your touches since \(since): " + describe(mix.touches))) }
        }
    }
}
