import ArgumentParser

extension Touchbase {
    /// `touchbase contact …`: the people you network with.
    struct Contact: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "contact",
            abstract: "Add, list, show, edit, delete, restore and merge contacts.",
            discussion: """
                A contact is named by its id, a unique id prefix (4+ hex digits) or its name (or a unique \
                part of it); an ambiguous name lists the candidates.
                """,
            subcommands: [Add.self, List.self, Show.self, Edit.self, Remove.self, Restore.self, Merge.self, Bulk.self])
    }
}
