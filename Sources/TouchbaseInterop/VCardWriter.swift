import TouchbaseCore

/// Writes vCard 4.0 (RFC 6350): one card per contact, CRLF line ends, lines folded at 75
/// octets without splitting a UTF-8 sequence, text values escaped.
///
/// Properties written, when the card has the value: `UID:urn:uuid:<8-4-4-4-12>` from the
/// Touchbase id (else the foreign uid as is), `FN`, `N`, `ORG`, `TITLE`, `EMAIL`,
/// `TEL;VALUE=text`, `URL` (the LinkedIn profile first), `ADR` (the location in the locality
/// component), `NOTE`, `BDAY` (`YYYYMMDD`, or `--MMDD` without a year), `CATEGORIES`, and
/// `X-TOUCHBASE-ASK`, `-OFFER`, `-STAGE`, `-VOTER`, `-SOURCE`, `-CADENCE`, `-HUBS`,
/// `-CONNECTED-ON`. ``VCardReader`` reads every one of them back to the same card.
public enum VCardWriter {
    /// The `PRODID` written in every card.
    public static let productID = "-//Touchbase//Touchbase//EN"

    /// All cards, one after the other.
    public static func write(_ cards: [ContactCard]) -> String {
        cards.map(write).joined()
    }

    /// One card, from `BEGIN:VCARD` to `END:VCARD` with its final CRLF.
    public static func write(_ card: ContactCard) -> String {
        var lines = ["BEGIN:VCARD", "VERSION:4.0", "PRODID:" + productID]
        if let id = card.id.flatMap(TouchbaseID.uuidString) {
            lines.append("UID:urn:uuid:" + id)
        } else if let uid = card.uid?.nonBlank {
            lines.append("UID:" + VCardText.escape(uid))
        }
        let e = VCardText.escape
        lines.append("FN:" + e(card.name))
        lines.append("N:" + [card.familyName ?? "", card.givenName ?? "", "", "", ""].map(e).joined(separator: ";"))
        if let org = card.organization { lines.append("ORG:" + e(org)) }
        if let role = card.role { lines.append("TITLE:" + e(role)) }
        lines += card.emails.map { "EMAIL:" + e($0) }
        lines += card.phones.map { "TEL;VALUE=text:" + e($0) }
        // URIs are written unescaped (RFC 6350); a line break could only corrupt the file.
        lines += ([card.linkedinURL].compactMap { $0 } + card.urls).map { "URL:" + $0.filter { !$0.isNewline } }
        if let location = card.location { lines.append("ADR:;;;" + e(location) + ";;;") }
        if let notes = card.notes { lines.append("NOTE:" + e(notes)) }
        if let birthday = card.birthday { lines.append("BDAY:" + compact(birthday)) }
        if !card.tags.isEmpty { lines.append("CATEGORIES:" + card.tags.map(e).joined(separator: ",")) }
        let extras: [(String, String?)] = [
            ("ASK", card.ask), ("OFFER", card.offer), ("STAGE", card.stage), ("VOTER", card.voter),
            ("SOURCE", card.source), ("CADENCE", card.cadenceDays.map(String.init)),
            ("HUBS", card.hubs.isEmpty ? nil : card.hubs.map(e).joined(separator: ",")),
            ("CONNECTED-ON", card.connectedOn.map(compact)),
        ]
        for (name, value) in extras {
            guard let value else { continue }
            lines.append("X-TOUCHBASE-\(name):" + (name == "HUBS" ? value : e(value)))
        }
        lines.append("END:VCARD")
        return lines.map { VCardText.fold($0) + "\r\n" }.joined()
    }

    /// `YYYYMMDD`, or `--MMDD` without a year (RFC 6350 basic format).
    static func compact(_ date: CalendarDate) -> String {
        let digits = date.description.filter { $0 != "-" }
        return date.year == nil ? "--" + digits : digits
    }
}
