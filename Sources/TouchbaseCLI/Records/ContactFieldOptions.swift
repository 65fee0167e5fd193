import ArgumentParser
import TouchbaseCore
import TouchbaseKit

/// The options that set a contact's fields, shared by `contact add` and `contact edit`.
struct ContactFieldOptions: ParsableArguments {
    @Option(name: .customLong("org"), help: ArgumentHelp("Organization: employer, school, group.", valueName: "text"))
    var organization: String?

    @Option(help: ArgumentHelp("Role or job title.", valueName: "text"))
    var role: String?

    @Option(name: .customLong("email"), help: ArgumentHelp("Email address (repeat for several).", valueName: "address"))
    var emails: [String] = []

    @Option(name: .customLong("phone"), help: ArgumentHelp("Phone number (repeat for several).", valueName: "number"))
    var phones: [String] = []

    @Option(help: ArgumentHelp("LinkedIn profile URL (linkedin.com/in/…); the same profile is never added twice.", valueName: "url"))
    var linkedin: String?

    @Option(name: .customLong("url"), help: ArgumentHelp("Web page: site, blog, portfolio (repeat for several).", valueName: "url"))
    var urls: [String] = []

    @Option(help: ArgumentHelp("Where they are: city, region.", valueName: "text"))
    var location: String?

    @Option(help: ArgumentHelp("set (like you, also seeking), swing (mixed: founders, bosses, freelancers) or unknown.", valueName: "voter"))
    var voter: String?

    @Option(help: ArgumentHelp("want (wishlist), docket (planned), pending (reached out), active or dormant.", valueName: "stage"))
    var stage: String?

    @Option(help: ArgumentHelp("Your specific ask: what you want from them.", valueName: "text"))
    var ask: String?

    @Option(help: ArgumentHelp("Your offer: how you can serve them.", valueName: "text"))
    var offer: String?

    @Option(help: ArgumentHelp("How you met or who introduced you.", valueName: "text"))
    var source: String?

    @Option(help: ArgumentHelp("Free-form notes.", valueName: "text"))
    var notes: String?

    @Option(help: ArgumentHelp("Keep in touch every N days.", valueName: "days"))
    var cadence: String?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Birthday: YYYY-MM-DD, or MM-DD / --MM-DD without a year.", valueName: "date"))
    var birthday: String?

    @Option(name: .customLong("tag"), help: ArgumentHelp("Tag the contact (repeat for several).", valueName: "tag"))
    var tags: [String] = []

    @Option(name: .customLong("hub"), help: ArgumentHelp("Join a hub, by id, id prefix or name (repeat for several).", valueName: "hub"))
    var hubs: [String] = []

    /// The fields given on the command line, each checked (so that a refusal quotes what was
    /// typed), in schema order: `nil` for an empty text (which clears the field).
    ///
    /// - throws: `ValidationError` for a malformed email, phone, URL, date, number or choice.
    func checked(today: CalendarDate) throws -> [(field: String, texts: [String], value: Value)] {
        let given: [(String, [String])] = [
            ("organization", organization.map { [$0] } ?? []), ("role", role.map { [$0] } ?? []), ("emails", emails),
            ("phones", phones), ("linkedin", linkedin.map { [$0] } ?? []), ("urls", urls), ("location", location.map { [$0] } ?? []),
            ("voter", voter.map { [$0] } ?? []), ("stage", stage.map { [$0] } ?? []), ("ask", ask.map { [$0] } ?? []),
            ("offer", offer.map { [$0] } ?? []), ("source", source.map { [$0] } ?? []), ("notes", notes.map { [$0] } ?? []),
            ("cadence", cadence.map { [$0] } ?? []), ("birthday", birthday.map { [ContactFieldOptions.yearless($0)] } ?? []),
        ]
        return try given.filter { !$0.1.isEmpty }.map { field, texts in
            let values = try texts.map { try FieldInput.parse($0, field: field, entity: Schema.contact, today: today) }
            return (field, texts, values.last ?? .null)
        }
    }

    /// A new contact named `name` with the fields, tags and hubs given.
    func draft(name: String, kit: Workspace) throws -> ContactDraft {
        var draft = ContactDraft(name: name)
        for (field, texts, value) in try checked(today: kit.today) {
            switch field {
            case "organization": draft.organization = texts.last
            case "role": draft.role = texts.last
            case "emails": draft.emails = texts
            case "phones": draft.phones = texts
            case "linkedin": draft.linkedin = texts.last
            case "urls": draft.urls = texts
            case "location": draft.location = texts.last
            case "voter": draft.voter = value.text.map(Voter.init(rawValue:))
            case "stage": draft.stage = value.text.map(Stage.init(rawValue:))
            case "ask": draft.ask = texts.last
            case "offer": draft.offer = texts.last
            case "source": draft.source = texts.last
            case "notes": draft.notes = texts.last
            case "cadence": draft.cadence = value.int.map(Int.init)
            case "birthday": draft.birthday = value.date
            default: break
            }
        }
        draft.tags = try Self.tags(tags)
        draft.hubs = try hubs.map { try kit.hub(matching: $0).id }
        return draft
    }

    /// The edit of the fields, tags and hubs given.
    func changes(kit: Workspace) throws -> ContactChanges {
        var changes = ContactChanges()
        func edit<T>(_ value: Value, _ typed: (Value) -> T?) -> FieldEdit<T> { typed(value).map { .set($0) } ?? .clear }
        for (field, texts, value) in try checked(today: kit.today) {
            switch field {
            case "organization": changes.organization = .set(texts.last ?? "")
            case "role": changes.role = .set(texts.last ?? "")
            case "emails": changes.emails = .set(texts)
            case "phones": changes.phones = .set(texts)
            case "linkedin": changes.linkedin = .set(texts.last ?? "")
            case "urls": changes.urls = .set(texts)
            case "location": changes.location = .set(texts.last ?? "")
            case "voter": changes.voter = edit(value) { $0.text.map(Voter.init(rawValue:)) }
            case "stage": changes.stage = edit(value) { $0.text.map(Stage.init(rawValue:)) }
            case "ask": changes.ask = .set(texts.last ?? "")
            case "offer": changes.offer = .set(texts.last ?? "")
            case "source": changes.source = .set(texts.last ?? "")
            case "notes": changes.notes = .set(texts.last ?? "")
            case "cadence": changes.cadence = edit(value) { $0.int.map(Int.init) }
            case "birthday": changes.birthday = edit(value) { $0.date }
            default: break
            }
        }
        changes.tags = try Self.tags(tags)
        changes.hubs = try hubs.map { try kit.hub(matching: $0).id }
        return changes
    }

    /// The names of the fields given (schema names), for `--clear` checks.
    var givenFields: [String] {
        let given: [(String, Bool)] = [
            ("organization", organization != nil), ("role", role != nil), ("emails", !emails.isEmpty), ("phones", !phones.isEmpty),
            ("linkedin", linkedin != nil), ("urls", !urls.isEmpty), ("location", location != nil), ("voter", voter != nil),
            ("stage", stage != nil), ("ask", ask != nil), ("offer", offer != nil), ("source", source != nil), ("notes", notes != nil),
            ("cadence", cadence != nil), ("birthday", birthday != nil),
        ]
        return given.filter(\.1).map(\.0)
    }

    /// Tag names checked (an empty one is refused), as typed: the kit normalises them.
    static func tags(_ names: [String]) throws -> [String] {
        for name in names where Schema.normalizeTag(name).isEmpty { throw ValidationError("a tag name must not be empty") }
        return names
    }

    /// Whether any field, tag or hub was given.
    var isEmpty: Bool {
        organization == nil && role == nil && emails.isEmpty && phones.isEmpty && linkedin == nil && urls.isEmpty
            && location == nil && voter == nil && stage == nil && ask == nil && offer == nil && source == nil
            && notes == nil && cadence == nil && birthday == nil && tags.isEmpty && hubs.isEmpty
    }

    /// `03-12` → `--03-12`: a month and day is a birthday without a year.
    static func yearless(_ text: String) -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isNumber) }) { return "--" + t }
        return t
    }

    /// The field names `--clear` accepts: the option names and the schema's field names.
    static let clearable: [String: String] = [
        "org": "organization", "organization": "organization", "role": "role", "email": "emails", "emails": "emails",
        "phone": "phones", "phones": "phones", "linkedin": "linkedin", "url": "urls", "urls": "urls",
        "location": "location", "voter": "voter", "stage": "stage", "ask": "ask", "offer": "offer", "source": "source",
        "notes": "notes", "cadence": "cadence", "birthday": "birthday",
    ]
}
