import ArgumentParser
import TouchbaseCore

/// The options that set a hub's fields, shared by `hub add` and `hub edit`.
struct HubFieldOptions: ParsableArguments {
    @Option(help: ArgumentHelp("What kind of hub: meetup, alumni, association, online community, ….", valueName: "text"))
    var kind: String?

    @Option(help: ArgumentHelp("Its web page.", valueName: "url"))
    var url: String?

    @Option(help: ArgumentHelp("When it meets, e.g. \"first Tuesday, 6pm\".", valueName: "text"))
    var schedule: String?

    @Option(help: ArgumentHelp("Where it meets.", valueName: "text"))
    var location: String?

    @Option(help: ArgumentHelp("Free-form notes.", valueName: "text"))
    var notes: String?

    @Option(name: .customLong("tag"), help: ArgumentHelp("Tag the hub (repeat for several).", valueName: "tag"))
    var tags: [String] = []

    /// The fields given, parsed and checked.
    ///
    /// - throws: `ValidationError` for a malformed URL.
    func values(today: CalendarDate) throws -> [(field: String, value: Value)] {
        let given: [(String, String?)] = [("kind", kind), ("url", url), ("schedule", schedule), ("location", location), ("notes", notes)]
        return try given.compactMap { field, text in
            try text.map { (field, try FieldInput.parse($0, field: field, entity: Schema.hub, today: today)) }
        }
    }

    /// Whether nothing was given.
    var isEmpty: Bool { kind == nil && url == nil && schedule == nil && location == nil && notes == nil && tags.isEmpty }

    /// The field names `--clear` accepts.
    static let clearable = ["kind", "url", "schedule", "location", "notes"]
}
