import ArgumentParser
import Foundation
import TouchbaseKit

extension Touchbase {
    /// `touchbase conflicts`: every open conflict, with its handle for `resolve`.
    struct Conflicts: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "conflicts",
            abstract: "List open conflicts: each competing value with its device and time.",
            discussion: """
                Each conflict has a handle in brackets, the same on every device and unchanged when others are resolved: \
                resolve with `touchbase resolve HANDLE`. The numbers shift as conflicts are resolved.
                """)

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let ctx = try CLIContext(homeOptions)
            let conflicts = try ctx.kit.conflicts()
            if output.json {
                try JSONOutput.emit(conflicts.map(ConflictJSON.init))
                return
            }
            if conflicts.isEmpty { print("no open conflicts"); return }
            for c in conflicts { print(ConflictView.text(c, terminal: ctx.terminal)) }
        }
    }
}
