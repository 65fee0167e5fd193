/// Reads Google Contacts CSV exports, in the current and the legacy header layout.
///
/// - Current: `First Name`, `Middle Name`, `Last Name`, `Name Suffix`, `Organization Name`,
///   `Organization Title`, `Birthday`, `Notes`, `Labels`, `E-mail N - Value`, `Phone N - Value`,
///   `Website N - Value`, `Address N - City/Region/Country/Formatted`.
/// - Legacy: `Name`, `Given Name`, `Additional Name`, `Family Name`, `Group Membership`,
///   `Organization N - Name`, `Organization N - Title`, `Location`, and the same numbered
///   e-mail, phone, website and address groups.
///
/// Numbered groups may go up to any N. A cell may hold several values joined by ` ::: `.
/// Labels (or group memberships) are split on ` ::: `; the system labels `* myContacts` and
/// `* starred` are dropped and other `* Name` labels become `Name`. Birthdays are `1985-04-12`
/// or `--04-12`. The location is the first address's city, region and country, or its
/// formatted text flattened to one line.
public enum GoogleCSV {
    /// Google's separator for several values in one cell.
    public static let valueSeparator = " ::: "

    /// Reads a Google Contacts CSV, current or legacy.
    /// - Throws: ``InteropError`` when the text is not a Google Contacts export.
    public static func parse(text: String) throws(InteropError) -> ImportResult {
        let (format, _) = try CSVImport.detect(text: text)
        return try CSVImport.parse(text: text, as: format == .googleLegacyCSV ? .googleLegacyCSV : .googleCSV)
    }

    /// Turns the rows after the header into cards.
    static func read(columns c: CSVColumns, rows: ArraySlice<CSVRecord>, legacy: Bool) -> ImportResult {
        var result = ImportResult(format: legacy ? .googleLegacyCSV : .googleCSV)
        let emailColumns = c.numbered(prefix: "e-mail", suffix: "value")
        let phoneColumns = c.numbered(prefix: "phone", suffix: "value")
        let webColumns = c.numbered(prefix: "website", suffix: "value")
        let addressNumbers = c.groupNumbers(prefix: "address")
        let orgNumbers = c.groupNumbers(prefix: "organization")
        for row in rows where !row.isBlank {
            if let reason = c.overflowReason(row) {
                result.skipped.append(.init(line: row.line, reason: reason))
                continue
            }
            var card = ContactCard(name: "", sourceLine: row.line)
            func multi(_ indexes: [Int]) -> [String] {
                indexes.flatMap { CardAssembly.split(c.value(at: $0, in: row), on: ":::") }
            }
            func first(_ name: String) -> String? {
                CardAssembly.split(c.value(name, in: row), on: ":::").first
            }
            if legacy {
                card.givenName = c.value("given name", in: row)
                card.familyName = c.value("family name", in: row)
                card.name = c.value("name", in: row)
                    ?? CardAssembly.joinName(card.givenName, c.value("additional name", in: row), card.familyName,
                                             c.value("name suffix", in: row)) ?? ""
                for n in orgNumbers {
                    card.organization = card.organization ?? first("organization \(n) - name")
                    card.role = card.role ?? first("organization \(n) - title")
                }
                card.tags = labels(c.value("group membership", in: row))
            } else {
                card.givenName = c.value("first name", in: row)
                card.familyName = c.value("last name", in: row)
                card.name = CardAssembly.joinName(card.givenName, c.value("middle name", in: row), card.familyName,
                                                  c.value("name suffix", in: row)) ?? ""
                card.organization = first("organization name")
                card.role = first("organization title")
                card.tags = labels(c.value("labels", in: row))
            }
            card.emails = multi(emailColumns)
            card.phones = multi(phoneColumns)
            CardAssembly.addURLs(multi(webColumns), to: &card)
            card.notes = c.value("notes", in: row)
            card.location = addressNumbers.lazy.compactMap { n in
                CardAssembly.joinLocation([first("address \(n) - city"), first("address \(n) - region"),
                                           first("address \(n) - country")])
                    ?? CardAssembly.joinLocation(CardAssembly.split(first("address \(n) - formatted"), on: "\n"))
            }.first ?? c.value("location", in: row)
            card.birthday = InteropDates.cell(c.value("birthday", in: row), slashOrder: .unambiguousOnly,
                                              column: "Birthday", line: row.line, result: &result)
            if let done = CardAssembly.finish(card) {
                result.cards.append(done)
            } else {
                result.skipped.append(.init(line: row.line, reason: "no name, organization, email or phone"))
            }
        }
        return result
    }

    /// Labels or group memberships as tags: system labels dropped, `* ` prefixes removed.
    static func labels(_ cell: String?) -> [String] {
        CardAssembly.split(cell, on: ":::").compactMap { label in
            guard label.hasPrefix("*") else { return label }
            let name = label.dropFirst().trimmingWhitespace()
            let key = name.lowercased().filter { !$0.isWhitespace }
            return key == "mycontacts" || key == "starred" ? nil : name.nonBlank
        }
    }
}
