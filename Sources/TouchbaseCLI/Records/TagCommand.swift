import ArgumentParser

extension Touchbase {
    /// `touchbase tag …`: tags on contacts and hubs.
    struct Tag: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tag",
            abstract: "Tag contacts and hubs, remove tags, list tags.",
            discussion: """
                Tags are compared without case or extra spaces ("Mentors " is "mentors"); the same tag added \
                on two devices offline is one tag. The record is a contact unless --hub is given.
                """,
            subcommands: [Add.self, Remove.self, List.self])
    }
}
