import ArgumentParser
import TouchbaseCore
import TouchbaseKit

extension Touchbase {
    /// `touchbase intro [ORG|OPP]`: who do I know there.
    struct Intro: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "intro",
            abstract: "Warm introductions: who you know at an organisation you want to get into.",
            discussion: """
                Without an argument: every organisation of an open opportunity or of a wishlist contact, \
                and every hub on the wishlist. \
                For each: contacts who work there now, contacts who worked there before (an earlier \
                organisation, from history or an earlier import), and contacts who share a hub with \
                someone who is or was there, each with the reason of a touch that asks for the \
                introduction. The argument is an opportunity (id or words of its role and organisation) \
                or, when none matches, an organisation's name.
                """)

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("An opportunity or an organisation.", valueName: "org-or-opp"))
        var target: String?

        @OptionGroup var output: OutputOptions

        func run() throws {
            let ctx = try CLIContext(home)
            let targets: [IntroductionTarget]
            if let target {
                if let o = try? ctx.kit.opportunity(matching: target), let org = o.organization {
                    targets = [try ctx.kit.introductions(toOrganization: org, opportunity: o)]
                } else if let hub = try ctx.kit.wishlistHubs().first(where: { OrganizationName.same($0.name, target) }) {
                    targets = [try ctx.kit.introductions(toHub: hub)]
                } else {
                    targets = [try ctx.kit.introductions(toOrganization: target)]
                }
            } else {
                targets = try ctx.kit.introductionTargets()
            }
            if output.json {
                try JSONOutput.emit(targets.map(IntroductionTargetJSON.init))
                return
            }
            guard !targets.isEmpty else {
                print("No organisation to get into yet: add an opportunity (touchbase opp add ROLE --org ORG) or a wishlist contact with --org.")
                return
            }
            let t = ctx.terminal
            for (i, target) in targets.enumerated() {
                if i > 0 { print() }
                var why = target.hub == nil ? [] : ["hub on your wishlist"]
                why += target.opportunities.map { "\(TerminalText.visible($0.role)) (\(OpportunityInput.stage(of: $0)))" }
                why += target.wishlist.map { "want to meet \(TerminalText.visible($0.name))" }
                print(t.bold(TerminalText.visible(target.organization)) + (why.isEmpty ? "" : t.dim("  " + why.joined(separator: ", "))))
                if target.paths.isEmpty {
                    print(t.dim("  nobody you know there yet: look for them at your hubs, or add who you know (touchbase contact add … --org)"))
                }
                IntroView.paths(target.paths, terminal: t).forEach { print($0) }
            }
        }
    }
}

/// How warm introductions read.
enum IntroView {
    /// Two lines per path: who and why, then the touch to make.
    static func paths(_ paths: [IntroductionPath], terminal t: Terminal) -> [String] {
        paths.flatMap { p -> [String] in
            let why: String
            switch p.via {
            case .worksThere: why = "works there"
            case .workedThere: why = "worked there" + (p.organization.map { ", now at \(TerminalText.visible($0))" } ?? "")
            case .sameHub(let hub, let colleague): why = "at \(TerminalText.visible(hub)) with \(TerminalText.visible(colleague))"
            case .hubMember(let hub): why = "member of \(TerminalText.visible(hub))"
            }
            return ["  → \(TerminalText.visible(p.name))" + t.dim(" — \(why)" + (p.stage.map { " (\($0.rawValue))" } ?? "")),
                    t.dim("      touchbase touch \(WorkflowSupport.shellWord(p.name)) --reason \(WorkflowSupport.shellWord(p.suggestedReason))")]
        }
    }
}

/// `intro --json`: `{"organization", "hub", "opportunities": [ids], "wishlist": [contacts], "paths": [...]}`.
struct IntroductionTargetJSON: Encodable {
    var organization: String
    var hub: String?
    var opportunities: [String]
    var wishlist: [ContactRefJSON]
    var paths: [IntroductionPathJSON]

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(organization, forKey: .organization)
        try c.encode(hub, forKey: .hub)
        try c.encode(opportunities, forKey: .opportunities)
        try c.encode(wishlist, forKey: .wishlist)
        try c.encode(paths, forKey: .paths)
    }

    enum CodingKeys: String, CodingKey { case organization, hub, opportunities, wishlist, paths }

    init(_ t: IntroductionTarget) {
        organization = t.organization
        hub = t.hub?.id.hex
        opportunities = t.opportunities.map(\.id.hex)
        wishlist = t.wishlist.map(ContactRefJSON.init)
        paths = t.paths.map(IntroductionPathJSON.init)
    }
}
