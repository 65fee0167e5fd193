import Foundation

/// Small text utilities shared by the parsers.
extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines.
    func trimmingWhitespace() -> String {
        trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The trimmed text, or `nil` when nothing is left.
    var nonBlank: String? {
        let trimmed = trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The text lowercased with whitespace runs collapsed to one space, for comparing headers.
    var headerKey: String {
        lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
