/// Reads Outlook and Outlook.com contacts CSV exports.
///
/// Names come from `First Name`, `Middle Name`, `Last Name`, `Suffix` (Outlook's `Title` is the
/// name prefix such as "Dr." and is not used); `Company` and `Job Title` give organization and
/// role; `E-mail Address`, `E-mail 2 Address`, `E-mail 3 Address` the emails (values without
/// an `@`, such as Exchange directory names, are ignored); every `… Phone` column except
/// `Assistant's Phone` the phones, mobile first; `Web Page` and `Personal Web Page` the URLs;
/// the business, then home, then other city/state/country the location; `Categories`
/// (separated by `;`) the tags; `Notes` the notes.
///
/// `Birthday` is read as `M/D/YYYY` (a first number above 12 means `D/M/YYYY`); `0/0/00` means
/// no birthday; ISO dates are accepted too.
public enum OutlookCSV {
    /// Reads an Outlook contacts CSV.
    /// - Throws: ``InteropError`` when the text is not an Outlook export.
    public static func parse(text: String) throws(InteropError) -> ImportResult {
        try CSVImport.parse(text: text, as: .outlookCSV)
    }

    private static let phoneOrder = ["mobile phone", "primary phone", "business phone", "business phone 2",
                                     "home phone", "home phone 2", "other phone", "company main phone"]

    /// Turns the rows after the header into cards.
    static func read(columns c: CSVColumns, rows: ArraySlice<CSVRecord>) -> ImportResult {
        var result = ImportResult(format: .outlookCSV)
        let emailColumns = c.keys.indices.filter { i in
            let k = c.keys[i]
            return k == "e-mail address" || (k.hasPrefix("e-mail ") && k.hasSuffix(" address") && k != "e-mail display name")
        }
        var phoneColumns = phoneOrder.compactMap(c.index(of:))
        phoneColumns += c.keys.indices.filter { i in
            let k = c.keys[i]
            return (k.hasSuffix(" phone") || k.hasSuffix(" phone 2")) && k != "assistant's phone" && !phoneColumns.contains(i)
        }
        for row in rows where !row.isBlank {
            if let reason = c.overflowReason(row) {
                result.skipped.append(.init(line: row.line, reason: reason))
                continue
            }
            var card = ContactCard(name: "", sourceLine: row.line)
            card.givenName = c.value("first name", in: row)
            card.familyName = c.value("last name", in: row)
            card.name = CardAssembly.joinName(card.givenName, c.value("middle name", in: row), card.familyName,
                                              c.value("suffix", in: row)) ?? ""
            card.organization = c.value("company", in: row)
            card.role = c.value("job title", in: row)
            for i in emailColumns {
                guard let email = c.value(at: i, in: row) else { continue }
                if email.contains("@") {
                    card.emails.append(email)
                } else {
                    result.warnings.append(.init(line: row.line, message: "\"\(email)\" is not an email address; left out"))
                }
            }
            card.phones = phoneColumns.compactMap { c.value(at: $0, in: row) }
            CardAssembly.addURLs(["web page", "personal web page"].compactMap { c.value($0, in: row) }, to: &card)
            card.location = ["business", "home", "other"].lazy.compactMap { kind in
                CardAssembly.joinLocation([c.value("\(kind) city", in: row), c.value("\(kind) state", in: row),
                                           c.value("\(kind) country/region", in: row) ?? c.value("\(kind) country", in: row)])
            }.first ?? c.value("location", in: row)
            card.tags = CardAssembly.split(c.value("categories", in: row), on: ";")
            card.notes = c.value("notes", in: row)
            card.birthday = InteropDates.cell(c.value("birthday", in: row), slashOrder: .monthFirst,
                                              column: "Birthday", line: row.line, result: &result)
            if let done = CardAssembly.finish(card) {
                result.cards.append(done)
            } else {
                result.skipped.append(.init(line: row.line, reason: "no name, company, email or phone"))
            }
        }
        return result
    }
}
