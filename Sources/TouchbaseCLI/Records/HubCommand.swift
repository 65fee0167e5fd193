import ArgumentParser

extension Touchbase {
    /// `touchbase hub …`: networking hubs and groups, and who belongs to them.
    struct Hub: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hub",
            abstract: "Networking hubs and groups: add, list, show, edit, delete, and members joining or leaving.",
            discussion: "A hub is named by its id, a unique id prefix (4+ hex digits) or its name (or a unique part of it).",
            subcommands: [Add.self, List.self, Show.self, Edit.self, Remove.self, Restore.self, Join.self, Leave.self]
                + Touchbase.hubWorkflowCommands)
    }
}
