import TouchbaseCore

/// Touchbase's own CSV format: the user's spreadsheet, exported and re-imported.
///
/// Header (this exact order on export; any order, extra columns ignored, on import):
///
///     id,name,given_name,family_name,organization,role,emails,phones,linkedin,urls,location,stage,voter,ask,offer,source,cadence_days,birthday,connected_on,tags,hubs,notes,last_touch,next_follow_up
///
/// - `id`: the record id, 32 lowercase hex digits (a dashed UUID is accepted on import). Rows
///   with an id update that record on re-import; clear the cell to import the row as new.
///   A row whose id is not a valid id is skipped rather than risk a duplicate.
/// - `given_name`, `family_name`: the parts of the name (vCard `N`); `name` stays the name shown.
/// - `emails`, `phones`, `urls`, `tags`, `hubs`: several values joined by `; ` (so a tag or hub name
///   containing `;` comes back as two).
/// - `linkedin`: the canonical profile URL. `cadence_days`: a whole number of days.
/// - `urls`: web addresses other than the LinkedIn profile.
/// - `birthday`, `connected_on`, `last_touch`, `next_follow_up`: `YYYY-MM-DD`, or `--MM-DD` for a birthday
///   without a year.
/// - `last_touch` and `next_follow_up` are computed by Touchbase; they are written for the
///   user's benefit and ignored on import.
/// - `name` is required on import.
/// - A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a single
///   quote in front, so spreadsheets show it as text instead of running it as a formula
///   (``CSVFormulaGuard``); import removes that quote, so a round trip is exact.
///
/// Not carried by this format: the foreign UID.
public enum TouchbaseCSV {
    /// The header, in export order.
    public static let columns = ["id", "name", "given_name", "family_name", "organization", "role", "emails", "phones",
                                 "linkedin", "urls", "location", "stage", "voter", "ask", "offer", "source", "cadence_days",
                                 "birthday", "connected_on", "tags", "hubs", "notes", "last_touch", "next_follow_up"]

    /// The separator written between several values in one cell; on import, `;` with any
    /// surrounding spaces is accepted.
    public static let listSeparator = "; "

    /// Reads a Touchbase CSV export.
    /// - Throws: ``InteropError`` when the text is not a Touchbase CSV.
    public static func parse(text: String) throws(InteropError) -> ImportResult {
        try CSVImport.parse(text: text, as: .touchbaseCSV)
    }

    /// Turns the rows after the header into cards.
    static func read(columns: CSVColumns, rows: ArraySlice<CSVRecord>) -> ImportResult {
        var result = ImportResult(format: .touchbaseCSV)
        let c = columns.unprotectingFormulas()
        for row in rows where !row.isBlank {
            if let reason = c.overflowReason(row) {
                result.skipped.append(.init(line: row.line, reason: reason))
                continue
            }
            func list(_ name: String) -> [String] { CardAssembly.split(c.value(name, in: row), on: ";") }
            var card = ContactCard(name: c.value("name", in: row) ?? "", sourceLine: row.line)
            guard !card.name.isEmpty else {
                result.skipped.append(.init(line: row.line, reason: "the name is empty"))
                continue
            }
            if let id = c.value("id", in: row) {
                guard let hex = TouchbaseID.normalize(id) else {
                    result.skipped.append(.init(line: row.line, reason: "id \"\(id)\" is not a Touchbase id (32 hex digits); clear the cell to import the row as a new contact"))
                    continue
                }
                card.id = hex
            }
            card.organization = c.value("organization", in: row)
            card.role = c.value("role", in: row)
            card.emails = list("emails")
            card.phones = list("phones")
            if let url = c.value("linkedin", in: row) {
                CardAssembly.addURLs([url], to: &card)
                if card.linkedinURL == nil {
                    result.warnings.append(.init(line: row.line, message: "linkedin: \"\(url)\" is not a LinkedIn profile URL; kept as a web address"))
                }
            }
            CardAssembly.addURLs(list("urls"), to: &card)
            card.givenName = c.value("given_name", in: row)
            card.familyName = c.value("family_name", in: row)
            card.location = c.value("location", in: row)
            card.stage = c.value("stage", in: row)
            card.voter = c.value("voter", in: row)
            card.ask = c.value("ask", in: row)
            card.offer = c.value("offer", in: row)
            card.source = c.value("source", in: row)
            if let text = c.value("cadence_days", in: row) {
                if let days = Int(text), days > 0 {
                    card.cadenceDays = days
                } else {
                    result.warnings.append(.init(line: row.line, message: "cadence_days: \"\(text)\" is not a positive whole number of days; left out"))
                }
            }
            if let text = c.value("birthday", in: row) {
                if let date = CalendarDate(text) {
                    card.birthday = date
                } else {
                    result.warnings.append(.init(line: row.line, message: "birthday: \"\(text)\" is not YYYY-MM-DD or --MM-DD; left out"))
                }
            }
            if let text = c.value("connected_on", in: row) {
                if let date = CalendarDate(text), date.year != nil {
                    card.connectedOn = date
                } else {
                    result.warnings.append(.init(line: row.line, message: "connected_on: \"\(text)\" is not YYYY-MM-DD; left out"))
                }
            }
            card.tags = list("tags")
            card.hubs = list("hubs")
            card.notes = c.value("notes", in: row)
            if let done = CardAssembly.finish(card) { result.cards.append(done) }
        }
        return result
    }
}
