import ArgumentParser

extension Touchbase {
    /// The `log` command and its subcommands.
    static let logCommands: [ParsableCommand.Type] = [Log.self]

    /// `touchbase log …`: every logged interaction, as records that can be fixed.
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log",
            abstract: "Interactions as records: list, show, edit, delete, restore, cancel or reschedule a meeting, history.",
            discussion: """
                Each interaction has a handle: the 8 hex digits `touchbase log` shows (4 or more are \
                enough while they name only one). Edits sync like any other; edits of the same \
                interaction made at the same time on two devices show in `touchbase conflicts`.
                """,
            subcommands: [List.self, Show.self, Edit.self, Remove.self, Restore.self, Cancel.self, Reschedule.self, History.self],
            defaultSubcommand: List.self)
    }
}
