import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseStore

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
            let conflicts = try ctx.store.conflicts()
            let view = try ConflictView(store: ctx.store)
            if output.json {
                JSONOutput.print(try conflicts.enumerated().map { try view.json($0.element, number: $0.offset + 1) })
                return
            }
            if conflicts.isEmpty { print("no open conflicts"); return }
            for (i, c) in conflicts.enumerated() { print(try view.text(c, number: i + 1, terminal: ctx.terminal)) }
        }
    }
}
