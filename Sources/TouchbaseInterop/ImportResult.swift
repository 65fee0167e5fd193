/// What a parser made of one file: the cards it read and the records it had to leave out.
public struct ImportResult: Hashable, Sendable {
    /// A record that was not turned into a card, and why.
    public struct Skip: Hashable, Sendable, CustomStringConvertible {
        /// The 1-based physical line where the skipped record starts.
        public var line: Int
        /// A sentence for the user, e.g. "no first or last name".
        public var reason: String

        /// Creates a skip note.
        public init(line: Int, reason: String) {
            self.line = line
            self.reason = reason
        }

        /// `line N: reason`.
        public var description: String { "line \(line): \(reason)" }
    }

    /// A value that was ignored inside a record that was otherwise imported
    /// (an unreadable date, a malformed property).
    public struct Warning: Hashable, Sendable, CustomStringConvertible {
        /// The 1-based physical line of the offending value (or of its record).
        public var line: Int
        /// A sentence for the user.
        public var message: String

        /// Creates a warning.
        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }

        /// `line N: message`.
        public var description: String { "line \(line): \(message)" }
    }

    /// The format the file was read as.
    public var format: ImportFormat
    /// The cards, in file order.
    public var cards: [ContactCard]
    /// Records that were left out, in file order.
    public var skipped: [Skip]
    /// Values that were ignored in imported records, in file order.
    public var warnings: [Warning]

    /// Creates a result.
    public init(format: ImportFormat, cards: [ContactCard] = [], skipped: [Skip] = [], warnings: [Warning] = []) {
        self.format = format
        self.cards = cards
        self.skipped = skipped
        self.warnings = warnings
    }
}
