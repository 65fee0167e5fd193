import ArgumentParser

extension Touchbase {
    /// `touchbase opp …`: roles you are going after, their stage, next step and the people there.
    struct Opp: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "opp",
            abstract: "Opportunities: a role at an organisation, its stage, next step and who can refer you.",
            discussion: """
                An opportunity is named by its id, a unique id prefix (4+ hex digits) or words of its role \
                and organisation ("data engineer northwind"). Stages: researching, applied, interviewing, \
                offer, closed (with an outcome: accepted, declined, rejected, withdrawn). Contacts are linked \
                as works-there, referrer, recruiter or interviewer.
                """,
            subcommands: [Add.self, List.self, Show.self, Edit.self, Close.self, Remove.self, Restore.self, Link.self, Unlink.self,
                          HistoryCommand.self])
    }
}
