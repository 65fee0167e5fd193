/// Reads a CSV file of any known format a chunk of rows at a time, so a file of a million rows is
/// never held in memory whole (``CSVImport`` reads a text already in memory).
///
/// The header is found and the format recognised as ``CSVImport`` does (same formats, same
/// preamble rule, same errors); then ``next(rows:)`` returns the cards, skipped rows and warnings
/// of the following rows, with the file's line numbers.
///
/// ```swift
/// var stream = try CSVImportStream(path: "connections.csv")
/// while let chunk = try stream.next() { import(chunk.cards) }
/// ```
public struct CSVImportStream {
    /// The format of the file.
    public let format: ImportFormat
    /// The line of the header row.
    public let headerLine: Int
    private let columns: CSVColumns
    private var records: CSVRecordStream
    /// Records read past the header while looking for it.
    private var pending: [CSVRecord]

    /// Opens the file at `path` and reads up to its header.
    /// - parameters:
    ///   - expected: the format the file must be, or `nil` for any known CSV format.
    /// - Throws: ``InteropError`` when the file cannot be read, is empty, binary, badly quoted, of
    ///   no known format, or (with `expected`) of another format than expected.
    public init(path: String, expected: ImportFormat? = nil) throws(InteropError) {
        try self.init(records: CSVRecordStream(path: path), expected: expected)
    }

    /// Reads the file `readSize` bytes at a time (tests use tiny reads to cut everywhere).
    init(path: String, expected: ImportFormat? = nil, readSize: Int) throws(InteropError) {
        try self.init(records: CSVRecordStream(path: path, readSize: readSize), expected: expected)
    }

    /// Reads `text` (already in memory) the same way; for tests and small inputs.
    public init(text: String, expected: ImportFormat? = nil) throws(InteropError) {
        try self.init(records: CSVRecordStream(text: text), expected: expected)
    }

    private init(records: CSVRecordStream, expected: ImportFormat?) throws(InteropError) {
        var stream = records
        var seen: [CSVRecord] = []
        var nonBlank = 0
        var first: CSVRecord?
        var found: (ImportFormat, Int)?
        search: while nonBlank < CSVImport.preambleLimit, let batch = try stream.next(limit: 16) {
            for (i, record) in batch.enumerated() {
                seen.append(record)
                guard !record.isBlank else { continue }
                if first == nil { first = record }
                nonBlank += 1
                if let format = CSVImport.detect(header: record.fields) {
                    found = (format, seen.count - 1)
                    seen += batch[(i + 1)...]  // the first rows, read with the header
                    break search
                }
                if nonBlank == CSVImport.preambleLimit { break search }
            }
        }
        guard let first else { throw .emptyInput }
        guard let found else {
            throw .unrecognizedCSVHeader(line: first.line, header: first.fields.joined(separator: ","), hint: CSVImport.hint(for: first))
        }
        let (format, at) = found
        let header = seen[at]
        if let expected, expected != format {
            throw .unexpectedFormat(line: header.line, found: format, expected: expected)
        }
        if format == .linkedInCSV {
            let missing = CSVColumns(header.fields).missing(LinkedInCSV.requiredColumns)
            guard missing.isEmpty else { throw .missingColumns(format: .linkedInCSV, line: header.line, columns: missing) }
        }
        self.format = format
        headerLine = header.line
        columns = CSVColumns(header.fields)
        pending = Array(seen[(at + 1)...])
        self.records = stream
    }

    /// The cards, skips and warnings of up to `rows` more records; `nil` when the file is done.
    /// - Throws: ``InteropError`` for a badly quoted, binary or non-UTF-8 part of the file.
    public mutating func next(rows: Int = 2_000) throws(InteropError) -> ImportResult? {
        var batch = pending
        pending = []
        if batch.count < rows, let more = try records.next(limit: rows - batch.count) { batch += more }
        guard !batch.isEmpty else { return nil }
        return try CSVImport.read(columns: columns, headerLine: headerLine, rows: batch[...], as: format)
    }
}
