/// One CSV record (row) with the physical line it starts on.
public struct CSVRecord: Hashable, Sendable {
    /// The field values, unquoted; line breaks inside quoted fields are normalized to `\n`.
    public var fields: [String]
    /// The 1-based physical line where the record starts.
    public var line: Int

    /// Creates a record.
    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }

    /// Whether every field is empty or whitespace (a spreadsheet's leftover `,,,,` row).
    public var isBlank: Bool {
        fields.allSatisfy { $0.nonBlank == nil }
    }
}
