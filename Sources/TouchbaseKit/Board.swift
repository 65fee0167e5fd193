/// The spreadsheet view: every staged contact with its last touch and what is next.
public struct Board: Hashable, Sendable {
    /// One staged contact.
    public struct Entry: Hashable, Sendable {
        /// The contact.
        public var id: RecordID
        /// Its display name.
        public var name: String
        /// Its organization.
        public var organization: String?
        /// `want`, `docket`, `pending`, `active` or `dormant`.
        public var stage: String
        /// `set`, `swing`, `unknown`, or `nil`.
        public var voter: String?
        /// Whether an ask is written down.
        public var hasAsk: Bool
        /// Whether an offer is written down.
        public var hasOffer: Bool
        /// The day of the latest logged interaction.
        public var lastTouch: CalendarDate?
        /// The latest next step written in a debrief.
        public var nextStep: String?
        /// The open follow-up date.
        public var followUp: CalendarDate?
        /// The next planned meeting.
        public var meeting: CalendarDate?
    }

    /// The stages to show, in order (one when the board was asked for a single stage).
    public var stages: [String]
    /// Every staged contact, by name (``entries(at:)`` for one stage).
    public var entries: [Entry]
    /// Visible contacts without a stage (only counted).
    public var unstaged: Int

    /// A stage typed as text, lowercased.
    ///
    /// - throws: ``WorkspaceError`` `.malformed` (field `stage`) for a stage that does not exist.
    public static func stage(parsing text: String) throws -> String {
        try Stage(parsing: text).rawValue
    }

    /// The entries at `stage`, by name.
    public func entries(at stage: String) -> [Entry] { entries.filter { $0.stage == stage } }
}
