import ArgumentParser

extension Touchbase {
    /// The networking method: today, touch, reply, meet, debrief, board, pace, prep, reason, dupes, import, export.
    static let workflowCommands: [ParsableCommand.Type] = []
    /// The command run when none is given (`today` once it exists).
    static let defaultCommand: ParsableCommand.Type? = nil
    /// Extra `hub` subcommands from the workflow (`hub mix`).
    static let hubWorkflowCommands: [ParsableCommand.Type] = []
}
