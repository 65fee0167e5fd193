import ArgumentParser
import Foundation
import TouchbaseKit

extension Touchbase {
    /// `touchbase conflicts`: every open conflict, numbered for `resolve`.
    struct Conflicts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List open conflicts: each competing value with its device and time.",
            discussion: "Numbers are the same on every device that has synced the same changes. Resolve with `touchbase resolve N`.")

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
