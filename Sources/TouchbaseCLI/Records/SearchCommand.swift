import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseKit

extension Touchbase {
    /// `touchbase search WORDS…`: full-text search, best match first.
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Find what someone said: names, organisations, notes, asks, offers, reasons and debriefs.",
            discussion: """
                Every word must appear, as the start of a word (zill finds Zillow); case and accents are \
                ignored (tomas finds Tomás). Matches in debriefs and other interactions show under \
                their contact.
                """)

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The words to look for.", valueName: "words"))
        var words: [String]

        @Option(help: "Show at most this many matches.")
        var limit = 20

        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard limit > 0 else { throw ValidationError("--limit must be a positive number.") }
            guard words.contains(where: { $0.contains { $0.isLetter || $0.isNumber } }) else {
                throw ValidationError("Give at least one word to search for.")
            }
        }

        func run() throws {
            let ctx = try CLIContext(home, readOnly: true)
            let hits = try ctx.kit.search(words.joined(separator: " "), limit: limit)
            if output.json {
                try JSONOutput.emit(hits)
                return
            }
            guard !hits.isEmpty else {
                print("Nothing matches \"\(words.joined(separator: " "))\".")
                return
            }
            for hit in hits {
                var head = ctx.terminal.bold(hit.title)
                switch hit.kind {
                case .contact: break
                case .hub: head += ctx.terminal.dim("  (hub)")
                case .reason: head += ctx.terminal.dim("  (reason)")
                case .interaction:
                    let what = [hit.interactionKind, hit.date?.description].compactMap { $0 }.joined(separator: " ")
                    head += ctx.terminal.dim("  (\(what))")
                }
                head += "  " + ctx.terminal.dim(RecordText.shortID(hit.contact ?? hit.record))
                print(head)
                let snippet = hit.segments.map { $0.isMatch ? ctx.terminal.yellow($0.text) : $0.text }.joined()
                print("  " + snippet.replacingOccurrences(of: "\n", with: " "))
            }
            print(hits.count == 1 ? "1 match" : "\(hits.count) matches")
        }
    }
}
