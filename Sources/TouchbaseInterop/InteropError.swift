import Foundation
import TouchbaseCore

/// Why a whole file could not be read as the expected format.
///
/// Problems confined to one record do not throw; they become ``ImportResult/Skip`` or
/// ``ImportResult/Warning`` entries. Match on ``code`` and word it from the typed fields; every
/// description names the 1-based physical line when there is one. ``description`` carries no text
/// of the file (a header row may be a row of contacts) and no path: those are in ``text``,
/// ``path`` and ``expandedDescription``.
public struct InteropError: Error, LocalizedError, Hashable, Sendable, ExpandedDescribing {
    /// What went wrong.
    public enum Code: String, Hashable, Sendable, CaseIterable {
        /// The file holds nothing but whitespace.
        case emptyInput
        /// A NUL byte: this is a binary file, not text.
        case binaryContent
        /// Bytes that are not valid UTF-8 (or UTF-16 with a byte order mark).
        case invalidUTF8
        /// A CSV quoted field opened on ``InteropError/line`` is never closed.
        case unterminatedQuote
        /// The CSV header row (``InteropError/text``) matches none of the known formats.
        case unrecognizedCSVHeader
        /// The file is a known CSV format (``InteropError/format``), but not the one asked for
        /// (``InteropError/expected``).
        case unexpectedFormat
        /// The header names a known format (``InteropError/format``) but lacks columns it needs
        /// (``InteropError/columns``).
        case missingColumns
        /// Text (``InteropError/text``) where `BEGIN:VCARD` was expected.
        case notVCard
        /// A vCard begun on ``InteropError/beginLine`` never ends; ``InteropError/line`` is where
        /// another card begins, or the last line of the file.
        case missingVCardEnd
        /// `END:VCARD` on ``InteropError/line`` without a matching `BEGIN:VCARD`.
        case unexpectedVCardEnd
        /// A file or directory (``InteropError/path``) could not be read; ``InteropError/reason`` says why.
        case unreadableFile
    }

    /// A guess at what an unrecognised CSV file is.
    public enum Hint: String, Hashable, Sendable, CaseIterable {
        /// The first line is `BEGIN:VCARD`: a vCard file given as CSV.
        case looksLikeVCard
        /// The header is one field holding `;` or tabs: not comma-separated.
        case notCommaSeparated
    }

    /// What went wrong.
    public let code: Code
    /// The line the problem was found on, when there is one.
    public let line: Int?
    /// The line a vCard without an end began on, for ``Code/missingVCardEnd``.
    public let beginLine: Int?
    /// The text quoted from the file (the unrecognised header, the line where a vCard was expected).
    /// Personal (it may be a row of contacts): not in ``description``.
    public let text: String?
    /// A guess at what an unrecognised file is, for ``Code/unrecognizedCSVHeader``.
    public let hint: Hint?
    /// The format the file is, or looks like.
    public let format: ImportFormat?
    /// The format that was asked for, for ``Code/unexpectedFormat``.
    public let expected: ImportFormat?
    /// The required columns the header lacks, for ``Code/missingColumns``.
    public let columns: [String]
    /// The file or directory that could not be read. Personal (a home folder names its owner):
    /// not in ``description``.
    public let path: String?
    /// Why it could not be read (`"no such file or directory"`).
    public let reason: String?

    /// Creates an error; prefer the static factories named after the codes.
    public init(_ code: Code, line: Int? = nil, beginLine: Int? = nil, text: String? = nil, hint: Hint? = nil,
                format: ImportFormat? = nil, expected: ImportFormat? = nil, columns: [String] = [],
                path: String? = nil, reason: String? = nil) {
        self.code = code
        self.line = line
        self.beginLine = beginLine
        self.text = text
        self.hint = hint
        self.format = format
        self.expected = expected
        self.columns = columns
        self.path = path
        self.reason = reason
    }

    // MARK: - Factories, one per code

    /// The file holds nothing but whitespace.
    public static let emptyInput = InteropError(.emptyInput)
    /// A NUL byte on `line`.
    public static func binaryContent(line: Int) -> InteropError { InteropError(.binaryContent, line: line) }
    /// Bytes that are not valid UTF-8 on `line`.
    public static func invalidUTF8(line: Int) -> InteropError { InteropError(.invalidUTF8, line: line) }
    /// A quoted field opened on `line` is never closed.
    public static func unterminatedQuote(line: Int) -> InteropError { InteropError(.unterminatedQuote, line: line) }
    /// The header on `line` matches no known format.
    public static func unrecognizedCSVHeader(line: Int, header: String, hint: Hint?) -> InteropError {
        InteropError(.unrecognizedCSVHeader, line: line, text: header, hint: hint)
    }
    /// The file is `found`, not `expected`.
    public static func unexpectedFormat(line: Int, found: ImportFormat, expected: ImportFormat) -> InteropError {
        InteropError(.unexpectedFormat, line: line, format: found, expected: expected)
    }
    /// The `format` header on `line` lacks `columns`.
    public static func missingColumns(format: ImportFormat, line: Int, columns: [String]) -> InteropError {
        InteropError(.missingColumns, line: line, format: format, columns: columns)
    }
    /// `found` on `line` where `BEGIN:VCARD` was expected.
    public static func notVCard(line: Int, found: String) -> InteropError { InteropError(.notVCard, line: line, text: found) }
    /// The vCard begun on `beginLine` has no end before `line`.
    public static func missingVCardEnd(beginLine: Int, line: Int) -> InteropError {
        InteropError(.missingVCardEnd, line: line, beginLine: beginLine)
    }
    /// `END:VCARD` on `line` without a begin.
    public static func unexpectedVCardEnd(line: Int) -> InteropError { InteropError(.unexpectedVCardEnd, line: line) }
    /// `path` could not be read, for `reason`.
    public static func unreadableFile(path: String, reason: String) -> InteropError {
        InteropError(.unreadableFile, path: path, reason: reason)
    }

    // MARK: - Descriptions

    public var description: String {
        let at = line.map { "Line \($0): " } ?? ""
        switch code {
        case .emptyInput:
            return "The file is empty."
        case .binaryContent:
            return at + "the file contains NUL bytes; it is a binary file, not CSV or vCard text."
        case .invalidUTF8:
            return at + "the file is not valid UTF-8 text (binary data, or a legacy encoding)."
        case .unterminatedQuote:
            return at + "a quoted field starts here and is never closed (unbalanced \")."
        case .unrecognizedCSVHeader:
            return at + "the header is not one of \(InteropError.knownFormats)." + (hint.map { " " + $0.sentence } ?? "")
        case .unexpectedFormat:
            return at + "this file is \(format.map(\.description) ?? "another format"), not \(expected.map(\.description) ?? "the format asked for")."
        case .missingColumns:
            return at + "this looks like a \(format.map(\.description) ?? "known") file but lacks the column(s) \(columns.joined(separator: ", "))."
        case .notVCard:
            return at + "expected BEGIN:VCARD; this is not a vCard file."
        case .missingVCardEnd:
            return at + "the vCard begun on line \(beginLine ?? 0) has no END:VCARD."
        case .unexpectedVCardEnd:
            return at + "END:VCARD without a matching BEGIN:VCARD."
        case .unreadableFile:
            return "Cannot read the file: \(reason ?? "unknown cause")"
        }
    }

    /// The description with the text quoted from the file and the path.
    public var expandedDescription: String {
        var parts = [description]
        if let text { parts.append("found: \"\(InteropError.clip(text))\"") }
        if let path { parts.append("path: \(path)") }
        return parts.joined(separator: " ")
    }

    public var errorDescription: String? { description }

    /// The formats a CSV header is matched against, for messages.
    public static let knownFormats = "LinkedIn Connections, Google Contacts (current or legacy), Outlook, or Touchbase CSV"

    /// At most 80 characters of `text`, for quoting in a message.
    public static func clip(_ text: String) -> String {
        text.count <= 80 ? text : String(text.prefix(77)) + "..."
    }
}

extension InteropError.Hint {
    /// The guess as a sentence, for logs.
    public var sentence: String {
        switch self {
        case .looksLikeVCard: "It looks like a vCard file."
        case .notCommaSeparated: "Its fields seem separated by ';' or tabs, not commas."
        }
    }
}
