import TouchbaseStore
import TouchbaseInterop

/// Between the cards of the import formats and the contact records.
enum CardMapping {
    /// A parsed card as a person to import.
    static func person(_ c: ContactCard, file: String? = nil) -> ImportPerson {
        ImportPerson(line: c.sourceLine, file: file, id: c.id.flatMap(RecordID.init(hex:)), name: c.name, organization: c.organization,
                     role: c.role, emails: c.emails, phones: c.phones, linkedin: c.linkedinURL, urls: c.urls, location: c.location,
                     notes: c.notes, birthday: c.birthday, tags: c.tags, uid: c.uid, connectedOn: c.connectedOn, stage: c.stage,
                     voter: c.voter, ask: c.ask, offer: c.offer, source: c.source, cadence: c.cadenceDays, hubs: c.hubs)
    }

    /// A contact record as a card to export (its id as the Touchbase id, so a round trip updates),
    /// with the given and family names read from its name (``PersonName``).
    static func card(_ r: Record, tags: [String], hubs: [String]) -> ContactCard {
        var card = ContactCard(name: r.displayName, organization: r.text("organization"), role: r.text("role"), emails: r["emails"].texts ?? [],
                    phones: r["phones"].texts ?? [], linkedinURL: r.text("linkedin"), urls: r["urls"].texts ?? [], location: r.text("location"),
                    notes: r.text("notes"), birthday: r["birthday"].date, tags: tags, uid: r.text("uid"), connectedOn: r["connectedOn"].date,
                    id: r.id.hex, stage: r.text("stage"), voter: r.text("voter"), ask: r.text("ask"), offer: r.text("offer"),
                    source: r.text("source"), cadenceDays: r["cadence"].int.map { Int($0) }, hubs: hubs)
        (card.givenName, card.familyName) = PersonName.parts(card.name)
        return card
    }
}
