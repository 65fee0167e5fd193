import Foundation

/// A kit error worded for the terminal by ``ErrorText``: printed as `Error: …`, exit status 1.
struct WordedError: Error, LocalizedError, CustomStringConvertible {
    /// The terminal's message.
    var message: String

    init(_ message: String) { self.message = message }

    var errorDescription: String? { message }
    var description: String { message }
}
