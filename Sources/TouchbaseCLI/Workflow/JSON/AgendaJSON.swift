import TouchbaseKit

/// `agenda --json` (docs/JSON.md, `## agenda`).
struct AgendaJSON: Codable {
    /// One dated item.
    struct Item: Codable {
        var kind: String
        var date: String
        @EncodesNil var time: String?
        @EncodesNil var minutes: Int?
        var title: String
        @EncodesNil var detail: String?
        @EncodesNil var place: String?
        @EncodesNil var contact: String?
        @EncodesNil var hub: String?
        var record: String
        var uid: String
        var overdueDays: Int
        @EncodesNil var age: Int?

        init(_ i: AgendaItem) {
            kind = i.kind.rawValue
            date = i.date.description
            time = i.time
            minutes = i.minutes
            title = i.title
            detail = i.detail
            place = i.place
            contact = i.contact?.hex
            hub = i.hub?.hex
            record = i.record.hex
            uid = i.uid
            overdueDays = i.overdueDays
            age = i.age
        }
    }

    /// A hub schedule kept as written.
    struct Unparsed: Codable {
        var hub: String
        var name: String
        var schedule: String
    }

    var from: String
    var through: String
    var items: [Item]
    var unparsedSchedules: [Unparsed]

    init(_ a: Agenda) {
        from = a.from.description
        through = a.through.description
        items = a.items.map(Item.init)
        unparsedSchedules = a.unparsedSchedules.map { Unparsed(hub: $0.hub.hex, name: $0.name, schedule: $0.schedule) }
    }
}
