import Foundation

/// A record command refused because of what the database holds (not because of how it was typed):
/// printed as `Error: …` without the usage text, exit status 1.
struct RecordCommandError: Error, LocalizedError {
    /// What went wrong and what to do instead.
    var message: String

    init(_ message: String) { self.message = message }

    var errorDescription: String? { message }
}
