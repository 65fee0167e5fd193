import Foundation

/// Reads vCard files (2.1, 3.0 and 4.0), one or many cards per file.
///
/// Unfolds lines (CRLF or LF followed by a space or tab), honours `itemN.` group prefixes,
/// parameters (`TYPE=work`, `type=INTERNET`, quoted values, 2.1 bare types), escapes (`\,` `\;`
/// `\n`), and quoted-printable values.
///
/// Mapping: `FN` (else the name built from `N`) → name; `N` → given and family name; `ORG`
/// (first component) → organization; `TITLE` (else `ROLE`) → role; every `EMAIL`, `TEL`
/// (`tel:` dropped) and `URL`; the first LinkedIn profile among `URL`, `X-SOCIALPROFILE` and
/// `X-LINKEDIN` → linkedinURL; `NOTE`s → notes; the first `ADR` with a locality, region or
/// country → location; `CATEGORIES` → tags; `BDAY` (`19850412`, `1985-04-12`, `--0412`,
/// `--04-12`, a date-time's date part) → birthday; `UID` `urn:uuid:<uuid>` → id (32 hex), any
/// other `UID` → uid; `X-TOUCHBASE-ASK`, `-OFFER`, `-STAGE`, `-VOTER`, `-SOURCE`, `-CADENCE`
/// (days), `-HUBS` (comma-separated) and `-CONNECTED-ON` → the Touchbase fields. Binary
/// (`ENCODING=b`/`BASE64`) properties such as `PHOTO` are ignored.
///
/// Structure errors throw: text before the first `BEGIN:VCARD`, a `BEGIN:VCARD` inside an open
/// card, an `END:VCARD` without a card, and a card never closed. Stray text between cards and
/// malformed lines inside a card become warnings; a card with no name, organization, email or
/// phone is skipped.
public enum VCardReader {
    /// Reads the vCards in `text`.
    /// - Throws: ``InteropError`` naming the line for a file that is not well-formed vCard.
    public static func parse(text: String) throws(InteropError) -> ImportResult {
        let lines = VCardLine.unfold(try InteropText.prepare(text))
        guard !lines.isEmpty else { throw .emptyInput }
        var result = ImportResult(format: .vCard)
        var open: (line: Int, properties: [VCardProperty])?
        var sawCard = false
        for logical in lines {
            let upper = logical.text.trimmingWhitespace().uppercased()
            if upper.isEmpty {
                continue
            } else if upper == "BEGIN:VCARD" {
                if let open { throw .missingVCardEnd(beginLine: open.line, line: logical.line) }
                open = (logical.line, [])
                sawCard = true
            } else if upper == "END:VCARD" {
                guard let card = open else { throw .unexpectedVCardEnd(line: logical.line) }
                var builder = VCardCardBuilder(beginLine: card.line)
                switch builder.build(card.properties) {
                case .card(let c): result.cards.append(c)
                case .skip(let reason): result.skipped.append(.init(line: card.line, reason: reason))
                }
                result.warnings += builder.warnings
                open = nil
            } else if open != nil {
                if let property = VCardProperty(logical) {
                    open!.properties.append(property)
                } else {
                    result.warnings.append(.init(line: logical.line, message: "\"\(InteropError.clip(logical.text))\" is not a vCard property; ignored"))
                }
            } else if !sawCard {
                throw .notVCard(line: logical.line, found: logical.text)
            } else {
                result.warnings.append(.init(line: logical.line, message: "text outside a vCard ignored"))
            }
        }
        if let open { throw .missingVCardEnd(beginLine: open.line, line: lines.last!.line) }
        guard sawCard else { throw .emptyInput }
        return result
    }

    /// Reads vCard bytes (UTF-8, or UTF-16 with a byte order mark).
    public static func parse(bytes: [UInt8]) throws(InteropError) -> ImportResult {
        try parse(text: InteropText.decode(bytes))
    }

    /// Reads vCard data (UTF-8, or UTF-16 with a byte order mark).
    public static func parse(data: Data) throws(InteropError) -> ImportResult {
        try parse(text: InteropText.decode(data))
    }
}
