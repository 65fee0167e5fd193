/// Reads LinkedIn's `Connections.csv` export.
///
/// The file may open with a `Notes:` preamble (a quoted, possibly multi-line paragraph and
/// blank lines) before the header `First Name,Last Name,URL,Email Address,Company,Position,Connected On`.
/// Columns may come in any order; `Email Address`, `Company`, `Position` and `Connected On` may
/// be absent. The profile URL (normalized by ``LinkedInURL``) is the person's identity.
///
/// - Rows with neither a first nor a last name (members who hide their profile) are skipped.
/// - A row without a profile URL is imported, with a warning that it cannot be matched by URL.
/// - `Connected On` is read as `12 Mar 2024` (English month names, abbreviated or full), as
///   ISO `2024-03-12`, or as `a/b/yyyy` only when unambiguous (one number above 12, or both
///   equal); `03/12/2024` is ambiguous and left out with a warning.
public enum LinkedInCSV {
    /// Columns a LinkedIn export must have.
    public static let requiredColumns = ["First Name", "Last Name", "URL"]

    /// Reads a LinkedIn `Connections.csv`.
    /// - Throws: ``InteropError`` when the text is not a LinkedIn connections export.
    public static func parse(text: String) throws(InteropError) -> ImportResult {
        try CSVImport.parse(text: text, as: .linkedInCSV)
    }

    /// Turns the rows after the header into cards.
    static func read(columns: CSVColumns, headerLine: Int, rows: ArraySlice<CSVRecord>) throws(InteropError) -> ImportResult {
        let missing = columns.missing(requiredColumns)
        guard missing.isEmpty else { throw .missingColumns(format: .linkedInCSV, line: headerLine, columns: missing) }
        var result = ImportResult(format: .linkedInCSV)
        for row in rows where !row.isBlank {
            if let reason = columns.overflowReason(row) {
                result.skipped.append(.init(line: row.line, reason: reason))
                continue
            }
            let first = columns.value("first name", in: row)
            let last = columns.value("last name", in: row)
            guard let name = CardAssembly.joinName(first, last) else {
                result.skipped.append(.init(line: row.line, reason: "no first or last name (LinkedIn leaves out members who restrict their data)"))
                continue
            }
            var card = ContactCard(name: name, givenName: first, familyName: last, sourceLine: row.line)
            if let url = columns.value("url", in: row) {
                if let profile = LinkedInURL.normalize(url) {
                    card.linkedinURL = profile
                } else {
                    card.urls.append(url)
                    result.warnings.append(.init(line: row.line, message: "\"\(url)\" is not a LinkedIn profile URL; kept as a web address"))
                }
            } else {
                result.warnings.append(.init(line: row.line, message: "\(name) has no profile URL; a re-import cannot recognise this row"))
            }
            card.emails = columns.value("email address", in: row).map { [$0] } ?? []
            card.organization = columns.value("company", in: row)
            card.role = columns.value("position", in: row)
            card.connectedOn = InteropDates.cell(columns.value("connected on", in: row), slashOrder: .unambiguousOnly,
                                                 column: "Connected On", line: row.line, result: &result)
            if let done = CardAssembly.finish(card) { result.cards.append(done) }
        }
        return result
    }
}
