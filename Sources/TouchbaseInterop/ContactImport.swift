import Foundation

/// Reads any supported contact file, telling vCard from CSV by its content.
///
/// A file whose first non-blank line is `BEGIN:VCARD` is read by ``VCardReader``; anything
/// else by ``CSVImport``, which recognises the CSV flavour by its header and throws a clear
/// error when it is none of them.
public enum ContactImport {
    /// The format of `text`.
    /// - Throws: ``InteropError`` when it is empty, binary, or no supported format.
    public static func detect(text: String) throws(InteropError) -> ImportFormat {
        if try looksLikeVCard(text) { return .vCard }
        return try CSVImport.detect(text: text).format
    }

    /// Reads `text` as whichever supported format it is.
    /// - Throws: ``InteropError`` when it is empty, binary, malformed, or no supported format.
    public static func parse(text: String) throws(InteropError) -> ImportResult {
        try looksLikeVCard(text) ? VCardReader.parse(text: text) : CSVImport.parse(text: text)
    }

    /// Reads bytes (UTF-8, or UTF-16 with a byte order mark) as whichever format they are.
    public static func parse(bytes: [UInt8]) throws(InteropError) -> ImportResult {
        try parse(text: InteropText.decode(bytes))
    }

    /// Reads data (UTF-8, or UTF-16 with a byte order mark) as whichever format it is.
    public static func parse(data: Data) throws(InteropError) -> ImportResult {
        try parse(text: InteropText.decode(data))
    }

    /// Whether the first non-blank line is `BEGIN:VCARD`.
    private static func looksLikeVCard(_ text: String) throws(InteropError) -> Bool {
        let prepared = try InteropText.prepare(text)
        guard let first = prepared.split(whereSeparator: \.isNewline).first(where: { $0.nonBlank != nil }) else {
            throw .emptyInput
        }
        return first.trimmingWhitespace().uppercased().hasPrefix("BEGIN:VCARD")
    }
}
