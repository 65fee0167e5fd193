import Foundation

/// Why a whole file could not be read as the expected format.
///
/// Problems confined to one record do not throw; they become ``ImportResult/Skip`` or
/// ``ImportResult/Warning`` entries. Every message names the 1-based physical line.
public enum InteropError: Error, LocalizedError, Hashable, Sendable {
    /// The file holds nothing but whitespace.
    case emptyInput
    /// A NUL byte: this is a binary file, not text.
    case binaryContent(line: Int)
    /// Bytes that are not valid UTF-8 (or UTF-16 with a byte order mark).
    case invalidUTF8(line: Int)
    /// A CSV quoted field opened on `line` is never closed.
    case unterminatedQuote(line: Int)
    /// The CSV header row matches none of the known formats.
    case unrecognizedCSVHeader(line: Int, header: String, hint: String?)
    /// The file is a known CSV format, but not the one the caller asked for.
    case unexpectedFormat(line: Int, found: ImportFormat, expected: ImportFormat)
    /// The header names a known format but lacks columns it needs.
    case missingColumns(format: ImportFormat, line: Int, columns: [String])
    /// Text where `BEGIN:VCARD` was expected.
    case notVCard(line: Int, found: String)
    /// A vCard begun on `beginLine` never ends; `line` is where another card begins, or the
    /// last line of the file.
    case missingVCardEnd(beginLine: Int, line: Int)
    /// `END:VCARD` on `line` without a matching `BEGIN:VCARD`.
    case unexpectedVCardEnd(line: Int)
    /// A file or directory could not be read.
    case unreadableFile(path: String, reason: String)

    /// The line the problem was found on, when there is one.
    public var line: Int? {
        switch self {
        case .emptyInput, .unreadableFile: nil
        case .binaryContent(let line), .invalidUTF8(let line), .unterminatedQuote(let line),
             .unexpectedVCardEnd(let line):
            line
        case .unrecognizedCSVHeader(let line, _, _), .unexpectedFormat(let line, _, _), .missingColumns(_, let line, _),
             .notVCard(let line, _),
             .missingVCardEnd(_, let line):
            line
        }
    }

    /// A sentence for the user, with the line number.
    public var errorDescription: String? {
        switch self {
        case .emptyInput:
            return "The file is empty."
        case .binaryContent(let line):
            return "Line \(line): the file contains NUL bytes; it is a binary file, not CSV or vCard text."
        case .invalidUTF8(let line):
            return "Line \(line): the file is not valid UTF-8 text (binary data, or a legacy encoding); re-save it as UTF-8."
        case .unterminatedQuote(let line):
            return "Line \(line): a quoted field starts here and is never closed (unbalanced \")."
        case .unrecognizedCSVHeader(let line, let header, let hint):
            let known = "LinkedIn Connections, Google Contacts (current or legacy), Outlook, or Touchbase CSV"
            var text = "Line \(line): the header \"\(InteropError.clip(header))\" is not one of \(known)."
            if let hint { text += " " + hint }
            return text
        case .unexpectedFormat(let line, let found, let expected):
            return "Line \(line): this file is \(found), not \(expected)."
        case .missingColumns(let format, let line, let columns):
            return "Line \(line): this looks like a \(format) file but lacks the column(s) \(columns.joined(separator: ", "))."
        case .notVCard(let line, let found):
            return "Line \(line): expected BEGIN:VCARD, found \"\(InteropError.clip(found))\"; this is not a vCard file."
        case .missingVCardEnd(let beginLine, let line):
            return "Line \(line): the vCard begun on line \(beginLine) has no END:VCARD."
        case .unexpectedVCardEnd(let line):
            return "Line \(line): END:VCARD without a matching BEGIN:VCARD."
        case .unreadableFile(let path, let reason):
            return "Cannot read \(path): \(reason)"
        }
    }

    /// At most 80 characters of `text`, for quoting in a message.
    static func clip(_ text: String) -> String {
        text.count <= 80 ? text : String(text.prefix(77)) + "..."
    }
}
