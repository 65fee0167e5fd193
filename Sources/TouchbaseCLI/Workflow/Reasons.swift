import ArgumentParser
import Foundation
import TouchbaseCore
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
            static let configuration = CommandConfiguration(abstract: "Add something to share: \"I wrote a blog post on …\".")

            @OptionGroup var home: HomeOptions

            @Argument(help: ArgumentHelp("What you have to share.", valueName: "text"))
            var text: String

            @Option(name: .long, help: ArgumentHelp("A link to it.", valueName: "url"))
            var url: String?

            func run() throws {
                let text = self.text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !text.isEmpty else { throw ValidationError("say what you have to share") }
                let link = try url.map(FieldInput.url)
                let ctx = try CLIContext(home)
                if let existing = try ctx.store.records(RecordQuery(entity: "reason")).first(where: { $0.text("text")?.lowercased() == text.lowercased() }) {
                    throw ValidationError("already in the library: \(String(existing.id.hex.prefix(8)))  \(existing.displayName)")
                }
                let id = ctx.newID()
                try ctx.store.commit(WorkflowOps.reason(id, text: text, url: link))
                print("Added \(String(id.hex.prefix(8)))  \(text)")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the reasons and the contacts each was shared with.")

            @OptionGroup var home: HomeOptions
            @OptionGroup var output: OutputOptions

            func run() throws {
                let ctx = try CLIContext(home)
                let uses = try ctx.store.reasonUses()
                if output.json {
                    JSONOutput.print(uses.map { u -> [String: Any] in
                        ["id": u.reason.id.hex, "text": u.reason.displayName, "url": WorkflowSupport.json(u.reason.text("url")),
                         "usedWith": u.contacts.map { ["id": $0.id.hex, "name": $0.name] }]
                    })
                    return
                }
                if uses.isEmpty { print("No reasons yet: touchbase reason add \"I wrote a blog post on …\""); return }
                for u in uses {
                    print("\(String(u.reason.id.hex.prefix(8)))  \(u.reason.displayName)" + (u.reason.text("url").map { ctx.terminal.dim("  \($0)") } ?? ""))
                    let who = u.contacts.isEmpty ? "not used yet" : "used with " + u.contacts.map(\.name).joined(separator: ", ")
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
                let r = try ctx.store.find("reason", reason)
                try ctx.store.commit(RecordOps.delete("reason", r.id))
                print("Removed \(String(r.id.hex.prefix(8)))  \(r.displayName)")
            }
        }
    }

    /// `touchbase dupes`: likely duplicate contacts.
    struct Dupes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List likely duplicate contacts, each with the merge command that would fix it.",
            discussion: "Linked by the same email, phone or LinkedIn profile, or near-identical names (edit distance at most 15 % of the name). Nothing is changed.")

        @OptionGroup var home: HomeOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let ctx = try CLIContext(home)
            let candidates = try ctx.store.duplicateCandidates()
            let names = Dictionary(candidates.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            let groups = DuplicateFinder.find(candidates)
            func command(_ dup: RecordID, _ survivor: RecordID) -> String {
                "touchbase contact merge \(String(dup.hex.prefix(12))) --into \(String(survivor.hex.prefix(12)))"
            }
            if output.json {
                JSONOutput.print(groups.map { g -> [String: Any] in
                    ["survivor": ["id": g.survivor.hex, "name": names[g.survivor] ?? ""],
                     "duplicates": g.duplicates.map { ["id": $0.hex, "name": names[$0] ?? ""] },
                     "reasons": g.reasons, "commands": g.duplicates.map { command($0, g.survivor) }]
                })
                return
            }
            if groups.isEmpty { print("No likely duplicates."); return }
            for g in groups {
                let all = [g.survivor] + g.duplicates
                print(ctx.terminal.bold(all.map { "\(names[$0] ?? "?") (\(String($0.hex.prefix(8))))" }.joined(separator: " = ")) + ctx.terminal.dim("  — " + g.reasons.joined(separator: ", ")))
                for d in g.duplicates { print("  " + command(d, g.survivor)) }
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
            if let days, !(1...3650).contains(days) { throw ValidationError("--days must be between 1 and 3650") }
            let ctx = try CLIContext(home)
            let one = try hub.map { try WorkflowSupport.hub($0, in: ctx) }
            let window = try days ?? ctx.store.workflowSettings().mixDays
            let since = ctx.today.adding(days: -(window - 1))
            let mix = try ctx.store.hubMix(since: since, today: ctx.today)
            let hubs = mix.hubs.filter { one == nil || $0.id == one!.id }
            func counts(_ c: HubMix.Counts) -> [String: Any] {
                ["set": c.setVoters, "swing": c.swingVoters, "unknown": c.unknownVoters, "setShare": WorkflowSupport.json(c.setShare),
                 "swingShare": WorkflowSupport.json(c.swingShare)]
            }
            if output.json {
                JSONOutput.print(["since": since.description, "touches": counts(mix.touches),
                                  "hubs": hubs.map { h -> [String: Any] in
                                      ["id": h.id.hex, "name": h.name, "members": counts(h.members), "touches": counts(h.touches), "stopLoss": h.stopLoss]
                                  }])
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
