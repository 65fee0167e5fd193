import TouchbaseCore

/// Checks shared by new contacts and edits.
enum ContactRules {
    /// A stage or a voter as stored; an unrecognized one cannot be written by this version.
    static func value<Word: OpenVocabulary>(_ word: Word) throws -> Value {
        .text(try word.storedWord())
    }

    /// A cadence in days: 0 or more.
    static func cadence(_ days: Int) throws -> Value {
        guard days >= 0 else { throw WorkspaceError(.outOfRange, field: "cadence", detail: "0 or more days") }
        return .int(Int64(days))
    }
}
