import Foundation
import TouchbaseCore

/// The opportunities view of the board: every visible opportunity under its stage.
public struct OpportunityBoard: Hashable, Sendable {
    /// One opportunity on the board.
    public struct Entry: Hashable, Sendable {
        /// The opportunity.
        public var opportunity: Opportunity
        /// How many contacts are linked to it.
        public var people: Int
        /// Whether a referrer (or someone who works there) is linked.
        public var hasReferrer: Bool
    }

    /// One column: a stage and its opportunities, by next step date then role.
    public struct Column: Hashable, Sendable {
        /// The stage.
        public var stage: OpportunityStage
        /// Its opportunities.
        public var entries: [Entry]
    }

    /// The stages in order (closed last), stages a newer version wrote after them.
    public var columns: [Column]
}
