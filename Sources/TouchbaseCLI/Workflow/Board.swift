import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseKit
import TouchbaseStore

extension Touchbase {
    /// `touchbase board`: the spreadsheet view.
    struct Board: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "board",
            abstract: "The spreadsheet view: who you want to meet, who is on the docket, pending, active, dormant.",
            discussion: "Each person with the last touch and the next step (or follow-up, or planned meeting). Contacts without a stage are only counted.")

        @OptionGroup var home: HomeOptions
        @OptionGroup var output: OutputOptions

        @Option(name: .long, help: ArgumentHelp("Show one stage only: \(Schema.stages.joined(separator: ", ")).", valueName: "stage"))
        var stage: String?

        @Flag(name: .long, help: "Show opportunities by stage instead of contacts.")
        var opportunities = false

        func run() throws {
            if opportunities { return try OpportunityBoardCommand.run(home: home, json: output.json) }
            if let stage {
                do { _ = try TouchbaseKit.Board.stage(parsing: stage) } catch is WorkspaceError {
                    throw ValidationError("--stage must be one of \(Schema.stages.joined(separator: ", ")); not \"\(stage)\"")
                }
            }
            let ctx = try CLIContext(home, readOnly: true)
            let today = ctx.today
            let board = try ctx.kit.board(stage: stage)
            if output.json {
                try JSONOutput.emit(BoardJSON(board))
                return
            }
            let stages = board.stages, entries = board.entries, unstaged = board.unstaged
            // Positions by stage: the entries are not copied.
            var grouped: [String: [Int]] = [:]
            for (i, e) in entries.enumerated() { grouped[e.stage, default: []].append(i) }
            let t = ctx.terminal
            let titles = ["want": "Want to connect", "docket": "On the docket", "pending": "Pending (no answer yet)", "active": "Active", "dormant": "Dormant"]
            let nameWidth = min(28, max(12, entries.map { TerminalText.width($0.name) }.max() ?? 12))
            // Every line into one block, printed once (about 10,000 lines on a big network).
            var out: [String] = []
            out.reserveCapacity(entries.count + 3 * stages.count + 1)
            for s in stages {
                let list = grouped[s] ?? []
                out.append(t.bold("\(titles[s] ?? s) (\(list.count))"))
                if list.isEmpty { out.append(t.dim("  —")) }
                for i in list {
                    let e = entries[i]
                    // One string per line, appended to in place: name, last touch, what is next
                    // (meeting, follow-up, next step, joined by "; "), the missing ask or offer.
                    var line = "  "
                    line.reserveCapacity(nameWidth + 64 + (e.nextStep?.utf8.count ?? 0))
                    line += TerminalText.clip(e.name, to: nameWidth).padded(to: nameWidth)
                    line += "  "
                    line += t.dim(("last: " + WorkflowSupport.relative(e.lastTouch, today: today)).padded(to: 18))
                    line += "  "
                    var parts = 0
                    if let m = e.meeting { line += "meeting "; line += m.description; parts += 1 }
                    if let f = e.followUp { line += parts > 0 ? "; follow up " : "follow up "; line += f.description; parts += 1 }
                    if let n = e.nextStep { line += parts > 0 ? "; next: " : "next: "; line += n }
                    if s == "docket" || s == "want", !(e.hasAsk && e.hasOffer) {
                        line += t.yellow("  ⚠ no " + (e.hasAsk ? "offer" : e.hasOffer ? "ask" : "ask/offer"))
                    }
                    out.append(line)
                }
                out.append("")
            }
            if unstaged > 0, stage == nil { out.append(t.dim("\(unstaged) contact\(unstaged == 1 ? "" : "s") without a stage (set one with touchbase contact edit … --stage want)")) }
            print(TextBlock(out))
        }
    }
}
