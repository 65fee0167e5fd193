import Foundation

/// The one entry point for CSV files: finds the header row, recognises which export it is, and
/// hands the rows to the matching reader.
///
/// Known formats, tried in this order on each candidate header row:
/// - ``ImportFormat/touchbaseCSV``: a `name` column plus `cadence_days`, `voter` or `next_follow_up`;
/// - ``ImportFormat/linkedInCSV``: `First Name`, `Last Name`, `URL`, or a `Connected On` column;
/// - ``ImportFormat/googleLegacyCSV``: `Given Name`, `Group Membership` or `Organization 1 - Name`;
/// - ``ImportFormat/googleCSV``: `Labels`, `Organization Name`, `File As`, `E-mail 1 - Value` or
///   `Phone 1 - Value`;
/// - ``ImportFormat/outlookCSV``: `E-mail Address`, `Job Title`, `Categories`, `Mobile Phone`,
///   `Business Phone` or `Web Page`.
///
/// Column names are compared case-insensitively and column order does not matter. The header
/// may follow a preamble (LinkedIn puts a `Notes:` paragraph first): up to
/// ``preambleLimit`` non-blank records are examined.
public enum CSVImport {
    /// How many non-blank records may precede the header row.
    public static let preambleLimit = 10

    /// The format whose header `header` is, or `nil` when it is none of them.
    public static func detect(header: [String]) -> ImportFormat? {
        let c = CSVColumns(header)
        if c.has("name") && (c.has("cadence_days") || c.has("voter") || c.has("next_follow_up")) {
            return .touchbaseCSV
        }
        if (c.has("first name") && c.has("last name") && c.has("url")) || c.has("connected on") {
            return .linkedInCSV
        }
        if c.has("given name") || c.has("group membership") || c.has("organization 1 - name") {
            return .googleLegacyCSV
        }
        if ["labels", "organization name", "file as", "e-mail 1 - value", "phone 1 - value"].contains(where: c.has) {
            return .googleCSV
        }
        if ["e-mail address", "job title", "categories", "mobile phone", "business phone", "web page"].contains(where: c.has) {
            return .outlookCSV
        }
        return nil
    }

    /// The format of the CSV `text` and the line of its header row.
    /// - Throws: ``InteropError`` when the text is empty, binary, badly quoted, or of no known format.
    public static func detect(text: String) throws(InteropError) -> (format: ImportFormat, headerLine: Int) {
        let (format, records, at) = try locateHeader(in: text)
        return (format, records[at].line)
    }

    /// Reads a CSV file of any known format.
    /// - Throws: ``InteropError`` when the text is empty, binary, badly quoted, or of no known format.
    public static func parse(text: String) throws(InteropError) -> ImportResult {
        let (format, records, at) = try locateHeader(in: text)
        return try read(records: records, headerAt: at, as: format)
    }

    /// Reads CSV bytes of any known format (UTF-8, or UTF-16 with a byte order mark).
    public static func parse(bytes: [UInt8]) throws(InteropError) -> ImportResult {
        try parse(text: InteropText.decode(bytes))
    }

    /// Reads CSV data of any known format (UTF-8, or UTF-16 with a byte order mark).
    public static func parse(data: Data) throws(InteropError) -> ImportResult {
        try parse(text: InteropText.decode(data))
    }

    /// Reads `text` as one given CSV format.
    /// - Throws: ``InteropError/unexpectedFormat(line:found:expected:)`` when the file is another
    ///   known format, ``InteropError/unrecognizedCSVHeader(line:header:hint:)`` when it is none.
    public static func parse(text: String, as format: ImportFormat) throws(InteropError) -> ImportResult {
        let (found, records, at) = try locateHeader(in: text)
        guard found == format else {
            throw .unexpectedFormat(line: records[at].line, found: found, expected: format)
        }
        return try read(records: records, headerAt: at, as: format)
    }

    /// Dispatches the rows after the header to the format's reader.
    private static func read(records: [CSVRecord], headerAt at: Int, as format: ImportFormat) throws(InteropError) -> ImportResult {
        let header = records[at]
        return try read(columns: CSVColumns(header.fields), headerLine: header.line, rows: records[(at + 1)...], as: format)
    }

    /// Dispatches rows (all of them, or a chunk: ``CSVImportStream``) to the format's reader.
    static func read(columns: CSVColumns, headerLine: Int, rows: ArraySlice<CSVRecord>, as format: ImportFormat) throws(InteropError) -> ImportResult {
        switch format {
        case .linkedInCSV: return try LinkedInCSV.read(columns: columns, headerLine: headerLine, rows: rows)
        case .googleCSV: return GoogleCSV.read(columns: columns, rows: rows, legacy: false)
        case .googleLegacyCSV: return GoogleCSV.read(columns: columns, rows: rows, legacy: true)
        case .outlookCSV: return OutlookCSV.read(columns: columns, rows: rows)
        case .touchbaseCSV: return TouchbaseCSV.read(columns: columns, rows: rows)
        case .vCard:
            throw .unexpectedFormat(line: headerLine, found: .vCard, expected: .vCard)
        }
    }

    /// The records of `text` and the index of the header row among them.
    private static func locateHeader(in text: String) throws(InteropError) -> (ImportFormat, [CSVRecord], Int) {
        let records = try CSVReader.records(in: text)
        let candidates = records.indices.filter { !records[$0].isBlank }
        guard let first = candidates.first else { throw .emptyInput }
        for i in candidates.prefix(preambleLimit) {
            if let format = detect(header: records[i].fields) { return (format, records, i) }
        }
        let header = records[first].fields.joined(separator: ",")
        throw .unrecognizedCSVHeader(line: records[first].line, header: header, hint: hint(for: records[first]))
    }

    /// A guess at what the unrecognised file is, for the error message.
    static func hint(for record: CSVRecord) -> InteropError.Hint? {
        let text = record.fields.joined(separator: ",")
        if text.uppercased().hasPrefix("BEGIN:VCARD") { return .looksLikeVCard }
        if record.fields.count == 1 && (text.contains(";") || text.contains("\t")) { return .notCommaSeparated }
        return nil
    }
}
