import TouchbaseCore

/// Maps the properties of one vCard onto a ``ContactCard`` (see ``VCardReader`` for the rules).
struct VCardCardBuilder {
    /// What became of the card.
    enum Outcome {
        case card(ContactCard)
        case skip(String)
    }

    /// The line of the card's `BEGIN:VCARD`.
    let beginLine: Int
    /// Values that were ignored, for the import report.
    private(set) var warnings: [ImportResult.Warning] = []

    init(beginLine: Int) {
        self.beginLine = beginLine
    }

    /// The card built from `properties`.
    mutating func build(_ properties: [VCardProperty]) -> Outcome {
        var card = ContactCard(name: "", sourceLine: beginLine)
        var nameFromN: String?
        var notes: [String] = []
        var urls: [String] = []
        var profiles: [String] = []
        var roleFallback: String?
        for p in properties {
            let encoding = p.parameter("ENCODING")?.lowercased()
            if encoding == "b" || encoding == "base64" { continue }
            let value = encoding == "quoted-printable"
                ? QuotedPrintable.decode(p.rawValue, charset: p.parameter("CHARSET")) : p.rawValue
            let text = VCardText.unescape(value).trimmingWhitespace()
            switch p.name {
            case "FN":
                if card.name.isEmpty { card.name = text }
            case "N":
                let parts = VCardText.splitRaw(value, on: ";").map {
                    VCardText.split($0, on: ",").compactMap(\.nonBlank).joined(separator: " ")
                }
                func part(_ i: Int) -> String? { i < parts.count ? parts[i].nonBlank : nil }
                card.familyName = card.familyName ?? part(0)
                card.givenName = card.givenName ?? part(1)
                nameFromN = nameFromN ?? CardAssembly.joinName(part(1), part(2), part(0), part(4))
            case "ORG":
                card.organization = card.organization ?? VCardText.split(value, on: ";").first?.nonBlank
            case "TITLE":
                card.role = card.role ?? text.nonBlank
            case "ROLE":
                roleFallback = roleFallback ?? text.nonBlank
            case "EMAIL":
                card.emails.append(text.lowercased().hasPrefix("mailto:") ? String(text.dropFirst(7)) : text)
            case "TEL":
                card.phones.append(text.lowercased().hasPrefix("tel:") ? String(text.dropFirst(4)) : text)
            case "URL":
                urls.append(text)
            case "X-SOCIALPROFILE", "X-LINKEDIN":
                if let profile = LinkedInURL.normalize(text) {
                    profiles.append(profile)
                } else if p.name == "X-LINKEDIN" || p.types.contains("linkedin"),
                          let user = (p.parameter("X-USER") ?? text).nonBlank, !user.contains("/"), !user.contains(":") {
                    profiles.append("https://www.linkedin.com/in/" + user)
                }
            case "NOTE":
                if let note = text.nonBlank { notes.append(note) }
            case "ADR":
                if card.location == nil {
                    let parts = VCardText.split(value, on: ";")
                    func part(_ i: Int) -> String? { i < parts.count ? parts[i] : nil }
                    card.location = CardAssembly.joinLocation([part(3), part(4), part(6)])
                }
            case "CATEGORIES":
                card.tags += VCardText.split(value, on: ",")
            case "BDAY":
                card.birthday = card.birthday ?? date(text, property: p, label: "BDAY")
            case "UID":
                readUID(text, into: &card)
            case "X-TOUCHBASE-ASK": card.ask = text
            case "X-TOUCHBASE-OFFER": card.offer = text
            case "X-TOUCHBASE-STAGE": card.stage = text
            case "X-TOUCHBASE-VOTER": card.voter = text
            case "X-TOUCHBASE-SOURCE": card.source = text
            case "X-TOUCHBASE-HUBS": card.hubs += VCardText.split(value, on: ",")
            case "X-TOUCHBASE-CONNECTED-ON":
                card.connectedOn = date(text, property: p, label: "X-TOUCHBASE-CONNECTED-ON")
            case "X-TOUCHBASE-CADENCE":
                if let days = Int(text), days > 0 {
                    card.cadenceDays = days
                } else {
                    warn(p, "X-TOUCHBASE-CADENCE \"\(text)\" is not a positive whole number of days; ignored")
                }
            default:
                break
            }
        }
        if card.name.isEmpty { card.name = nameFromN ?? "" }
        card.role = card.role ?? roleFallback
        card.notes = notes.isEmpty ? nil : notes.joined(separator: "\n\n")
        CardAssembly.addURLs(profiles + urls, to: &card)
        guard let done = CardAssembly.finish(card) else {
            return .skip("the vCard has no name, organization, email or phone")
        }
        return .card(done)
    }

    /// `urn:uuid:<uuid>` becomes the Touchbase id; anything else is kept as the foreign uid.
    private func readUID(_ text: String, into card: inout ContactCard) {
        let hasURN = text.lowercased().hasPrefix("urn:uuid:")
        if hasURN, let id = TouchbaseID.normalize(text) {
            card.id = id
        } else {
            card.uid = hasURN ? String(text.dropFirst("urn:uuid:".count)) : text
        }
    }

    /// A date value, or `nil` with a warning.
    private mutating func date(_ text: String, property p: VCardProperty, label: String) -> CalendarDate? {
        switch InteropDates.parse(text, slashOrder: .unambiguousOnly) {
        case .date(let date): return date
        case .none: return nil
        case .invalid(let why):
            warn(p, "\(label): \(why); ignored")
            return nil
        }
    }

    private mutating func warn(_ p: VCardProperty, _ message: String) {
        warnings.append(.init(line: p.line, message: message))
    }
}
