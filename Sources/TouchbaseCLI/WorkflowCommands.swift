import ArgumentParser

extension Touchbase {
    /// The networking method: today, touch, reply, meet, debrief, board, pace, prep, cadence,
    /// config, reason, dupes, import, export.
    static let workflowCommands: [ParsableCommand.Type] = [
        Today.self, Touch.self, Reply.self, Meet.self, Debrief.self, Board.self, Pace.self, Prep.self, Cadence.self, Config.self,
        ReasonCommand.self, Dupes.self, Import.self, Export.self,
        AgendaCommand.self,
    ]
    /// The command run when none is given.
    static let defaultCommand: ParsableCommand.Type? = Today.self
    /// Extra `hub` subcommands from the workflow (`hub mix`).
    static let hubWorkflowCommands: [ParsableCommand.Type] = [HubMixCommand.self]
}
