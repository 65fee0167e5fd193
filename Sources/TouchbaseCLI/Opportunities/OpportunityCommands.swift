import ArgumentParser

extension Touchbase {
    /// The job itself: opportunities, warm introductions, the funnel.
    static let opportunityCommands: [ParsableCommand.Type] = [Opp.self, Intro.self, Stats.self]
}
