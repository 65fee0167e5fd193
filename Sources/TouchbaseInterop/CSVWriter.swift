import Foundation

/// Writes RFC 4180 CSV: fields quoted only when needed, quotes doubled, CRLF between records.
public enum CSVWriter {
    /// `field` ready for a CSV row: wrapped in quotes (with inner quotes doubled) when it holds
    /// a comma, quote, line break, or leading/trailing whitespace; unchanged otherwise.
    public static func escape(_ field: String) -> String {
        let needsQuotes = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || field.first?.isWhitespace == true || field.last?.isWhitespace == true
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record without its line ending.
    public static func row(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",")
    }

    /// A whole document: the header and then each row, every record ended by CRLF.
    public static func document(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { row($0) + "\r\n" }.joined()
    }
}
