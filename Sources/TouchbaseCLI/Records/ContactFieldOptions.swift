import ArgumentParser
import TouchbaseCore

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

    /// The fields given on the command line, parsed and checked, in schema order.
    ///
    /// - throws: `ValidationError` for a malformed email, phone, URL, date, number or choice.
    func values(today: CalendarDate) throws -> [(field: String, value: Value)] {
        let given: [(String, [String])] = [
            ("organization", organization.map { [$0] } ?? []), ("role", role.map { [$0] } ?? []), ("emails", emails),
            ("phones", phones), ("linkedin", linkedin.map { [$0] } ?? []), ("urls", urls), ("location", location.map { [$0] } ?? []),
            ("voter", voter.map { [$0] } ?? []), ("stage", stage.map { [$0] } ?? []), ("ask", ask.map { [$0] } ?? []),
            ("offer", offer.map { [$0] } ?? []), ("source", source.map { [$0] } ?? []), ("notes", notes.map { [$0] } ?? []),
            ("cadence", cadence.map { [$0] } ?? []), ("birthday", birthday.map { [ContactFieldOptions.yearless($0)] } ?? []),
        ]
        return try given.filter { !$0.1.isEmpty }.map { field, texts in
            (field, try FieldValues.parse(texts, field: field, entity: Schema.contact, today: today))
        }
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
