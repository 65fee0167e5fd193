import Foundation

/// A command understood but refused by the data or the method (a conflict resolved meanwhile, a
/// reason already in the library): printed as `Error: …`, exit status 1. Input that cannot be
/// understood is a `ValidationError` instead (exit status 64).
struct Refusal: Error, LocalizedError, CustomStringConvertible {
    /// The terminal's message.
    var message: String

    init(_ message: String) { self.message = message }

    var errorDescription: String? { message }
    var description: String { message }
}
